import random

from hamming import hamming_distance


def test_hidden_random():
    rng = random.Random(226)
    for _ in range(300):
        x, y = rng.randint(0, 4096), rng.randint(0, 4096)
        assert hamming_distance(x, y) == bin(x ^ y).count("1"), (x, y)
