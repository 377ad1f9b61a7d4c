from math import factorial

from factorial_zeros import trailing_zeros


def _zeros(n):
    s = str(factorial(n))
    return len(s) - len(s.rstrip("0"))


def test_hidden_range():
    for n in range(0, 300):
        assert trailing_zeros(n) == _zeros(n), n
