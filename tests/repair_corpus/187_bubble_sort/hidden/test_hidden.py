import random

from bubble import bubble_sort


def test_hidden_random():
    rng = random.Random(187)
    for _ in range(300):
        items = [rng.randrange(20) for _ in range(rng.randrange(10))]
        assert bubble_sort(items) == sorted(items)
