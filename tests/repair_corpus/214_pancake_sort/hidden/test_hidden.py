import random

from pancake import pancake_sort


def test_hidden_random():
    rng = random.Random(11)
    for _ in range(200):
        xs = [rng.randint(0, 9) for _ in range(rng.randint(0, 10))]
        assert pancake_sort(xs) == sorted(xs), xs
