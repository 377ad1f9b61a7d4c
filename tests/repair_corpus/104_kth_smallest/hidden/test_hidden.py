import random

from quickselect import kth_smallest


def test_hidden_kth():
    rng = random.Random(7)
    for size in range(1, 12):
        xs = [rng.randint(0, 9) for _ in range(size)]
        for k in range(size):
            assert kth_smallest(xs, k) == sorted(xs)[k]
