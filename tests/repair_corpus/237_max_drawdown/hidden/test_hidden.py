import random

from drawdown import max_drawdown


def test_hidden_random():
    rng = random.Random(237)
    for _ in range(300):
        xs = [rng.randint(0, 20) for _ in range(rng.randint(0, 9))]
        want = max([xs[i] - xs[j] for i in range(len(xs)) for j in range(i, len(xs))], default=0)
        assert max_drawdown(xs) == want, xs
