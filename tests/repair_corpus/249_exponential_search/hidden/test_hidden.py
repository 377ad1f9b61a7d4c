import random

from expsearch import exponential_search


def test_hidden_random():
    rng = random.Random(249)
    for _ in range(300):
        xs = sorted(rng.sample(range(-30, 30), rng.randint(0, 15)))
        t = rng.randint(-32, 32)
        got = exponential_search(xs, t)
        if t in xs:
            assert xs[got] == t, (xs, t)
        else:
            assert got == -1, (xs, t)
