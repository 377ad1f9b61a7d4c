import random

from msort import merge_sort


def test_hidden_merge_sort():
    rng = random.Random(4)
    for size in range(12):
        xs = [rng.randint(-5, 5) for _ in range(size)]
        assert merge_sort(xs) == sorted(xs)
    assert merge_sort([7]) == [7]
