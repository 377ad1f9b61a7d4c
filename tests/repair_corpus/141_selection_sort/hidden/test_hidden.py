import random

from selection import selection_sort


def test_hidden_random():
    rng = random.Random(11)
    for n in range(10):
        xs = [rng.randint(-5, 5) for _ in range(n)]
        assert selection_sort(xs) == sorted(xs)
