import random

from rsearch import search


def test_hidden_random():
    rng = random.Random(234)
    for _ in range(300):
        xs = sorted(rng.sample(range(60), rng.randint(0, 12)))
        t = rng.randint(-2, 62)
        got = search(xs, t)
        assert got == (xs.index(t) if t in xs else -1), (xs, t)
