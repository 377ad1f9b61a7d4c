import random

from stock import max_profit


def _slow(ps):
    return max([0] + [ps[j] - ps[i] for i in range(len(ps)) for j in range(i + 1, len(ps))])


def test_hidden_random():
    rng = random.Random(245)
    for _ in range(200):
        ps = [rng.randint(1, 20) for _ in range(rng.randint(0, 8))]
        assert max_profit(ps) == _slow(ps), ps
