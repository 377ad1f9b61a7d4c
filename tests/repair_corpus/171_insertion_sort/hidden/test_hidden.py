import random

from insort_inplace import insertion_sort


def test_hidden_random():
    rng = random.Random(171)
    for _ in range(100):
        items = [rng.randrange(-20, 20) for _ in range(rng.randrange(10))]
        assert insertion_sort(list(items)) == sorted(items)
