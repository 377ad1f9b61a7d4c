import random

from quick import partition, quicksort


def test_hidden_quicksort():
    rng = random.Random(4)
    for n in range(12):
        a = [rng.randint(0, 9) for _ in range(n)]
        b = list(a)
        quicksort(b)
        assert b == sorted(a)


def test_hidden_partition_index():
    a = [5, 1, 4, 3]
    p = partition(a, 0, 3)
    assert a[p] == 3 and all(x <= 3 for x in a[:p]) and all(x > 3 for x in a[p + 1:])
