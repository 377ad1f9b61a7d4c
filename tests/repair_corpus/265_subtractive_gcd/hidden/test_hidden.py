import math

from subgcd import gcd


def test_hidden_pairs():
    for a in range(1, 40):
        for b in range(1, 40):
            assert gcd(a, b) == math.gcd(a, b), (a, b)
