import math
import random

from euclid import gcd


def test_hidden_random():
    rng = random.Random(169)
    for _ in range(200):
        a, b = rng.randrange(1000), rng.randrange(1000)
        assert gcd(a, b) == math.gcd(a, b)
