import itertools
import random

from inversions import count_inversions


def brute(xs):
    return sum(1 for i, j in itertools.combinations(range(len(xs)), 2) if xs[i] > xs[j])


def test_hidden_random():
    rng = random.Random(7)
    for size in range(0, 30):
        xs = [rng.randint(0, 9) for _ in range(size)]
        assert count_inversions(xs) == brute(xs), xs
