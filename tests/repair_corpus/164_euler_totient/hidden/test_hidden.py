from math import gcd

from totient import phi


def test_hidden_against_definition():
    for n in range(1, 300):
        assert phi(n) == sum(1 for k in range(1, n + 1) if gcd(k, n) == 1)
