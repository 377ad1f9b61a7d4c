import random
from fractions import Fraction

from cfrac import continued_fraction


def _value(terms):
    x = Fraction(terms[-1])
    for t in reversed(terms[:-1]):
        x = t + 1 / x
    return x


def test_hidden_random():
    rng = random.Random(236)
    for _ in range(300):
        a, b = rng.randint(1, 500), rng.randint(1, 500)
        terms = continued_fraction(a, b)
        assert _value(terms) == Fraction(a, b), (a, b)
        assert all(t > 0 for t in terms[1:]), (a, b)
