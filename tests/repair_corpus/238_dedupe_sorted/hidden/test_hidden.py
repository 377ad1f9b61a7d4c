import random

from sorted_dedupe import dedupe_sorted


def test_hidden_random():
    rng = random.Random(238)
    for _ in range(300):
        xs = sorted(rng.randint(0, 6) for _ in range(rng.randint(0, 10)))
        assert dedupe_sorted(xs) == sorted(set(xs)), xs
