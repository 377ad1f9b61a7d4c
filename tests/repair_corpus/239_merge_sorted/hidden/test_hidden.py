import random

from merge_two import merge


def test_hidden_random():
    rng = random.Random(239)
    for _ in range(200):
        xs = sorted(rng.randint(-9, 9) for _ in range(rng.randint(0, 6)))
        ys = sorted(rng.randint(-9, 9) for _ in range(rng.randint(0, 6)))
        assert merge(xs, ys) == sorted(xs + ys), (xs, ys)
