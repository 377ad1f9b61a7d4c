import random

from shell import shell_sort


def test_hidden_random():
    rng = random.Random(6)
    for size in range(0, 40):
        xs = [rng.randint(-20, 20) for _ in range(size)]
        assert shell_sort(xs) == sorted(xs), xs
