import math
import random

from bezout import extended_gcd


def test_hidden_random():
    rng = random.Random(189)
    for _ in range(400):
        a, b = rng.randrange(200), rng.randrange(200)
        g, x, y = extended_gcd(a, b)
        assert g == math.gcd(a, b) and a * x + b * y == g, (a, b)
