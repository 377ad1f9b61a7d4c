import random

from rod import rod_cutting


def brute(prices, n):
    if n == 0:
        return 0
    return max(prices[c - 1] + brute(prices, n - c) for c in range(1, min(n, len(prices)) + 1))


def test_hidden_random():
    rng = random.Random(1)
    for _ in range(60):
        prices = [rng.randint(1, 30) for _ in range(rng.randint(1, 6))]
        n = rng.randint(0, 9)
        assert rod_cutting(prices, n) == brute(prices, n), (prices, n)
