import random

from horner import evaluate


def test_hidden_random():
    rng = random.Random(175)
    for _ in range(200):
        coefficients = [rng.randrange(-5, 6) for _ in range(rng.randrange(6))]
        x = rng.randrange(-4, 5)
        n = len(coefficients)
        assert evaluate(coefficients, x) == sum(c * x ** (n - 1 - i) for i, c in enumerate(coefficients))
