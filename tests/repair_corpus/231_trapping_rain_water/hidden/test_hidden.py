import random

from rain import trapped_water


def _water(h):
    return sum(max(0, min(max(h[: i + 1]), max(h[i:])) - h[i]) for i in range(len(h)))


def test_hidden_random():
    rng = random.Random(231)
    for _ in range(300):
        h = [rng.randint(0, 6) for _ in range(rng.randint(0, 10))]
        assert trapped_water(h) == _water(h), h
