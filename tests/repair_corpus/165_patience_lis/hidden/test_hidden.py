import itertools
import random

from patience import lis_length


def _brute(xs):
    for r in range(len(xs), 0, -1):
        for pick in itertools.combinations(xs, r):
            if all(a < b for a, b in zip(pick, pick[1:])):
                return r
    return 0


def test_hidden_against_brute_force():
    rng = random.Random(4)
    for _ in range(80):
        xs = [rng.randrange(5) for _ in range(rng.randrange(9))]
        assert lis_length(xs) == _brute(xs)
