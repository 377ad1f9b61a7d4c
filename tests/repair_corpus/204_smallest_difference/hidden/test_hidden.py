import random

from difference import smallest_difference


def test_hidden_random():
    rng = random.Random(9)
    for _ in range(200):
        xs = [rng.randint(-50, 50) for _ in range(rng.randint(1, 6))]
        ys = [rng.randint(-50, 50) for _ in range(rng.randint(1, 6))]
        assert smallest_difference(xs, ys) == min(abs(x - y) for x in xs for y in ys), (xs, ys)
