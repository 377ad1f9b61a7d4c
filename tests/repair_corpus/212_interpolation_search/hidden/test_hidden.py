import random

from interpolation import interpolation_search


def test_hidden_random():
    rng = random.Random(3)
    for _ in range(300):
        xs = sorted(set(rng.randint(0, 60) for _ in range(rng.randint(1, 10))))
        key = rng.randint(-2, 62)
        got = interpolation_search(xs, key)
        assert got == (xs.index(key) if key in xs else -1), (xs, key)
