import itertools
import random

from activities import max_activities


def _brute(ivs):
    for r in range(len(ivs), -1, -1):
        for pick in itertools.combinations(sorted(ivs), r):
            if all(a[1] <= b[0] for a, b in zip(pick, pick[1:])):
                return r
    return 0


def test_hidden_against_brute_force():
    rng = random.Random(8)
    for _ in range(60):
        ivs = []
        for _ in range(rng.randrange(7)):
            s = rng.randrange(10)
            ivs.append((s, s + rng.randrange(1, 6)))
        assert max_activities(ivs) == _brute(ivs)
