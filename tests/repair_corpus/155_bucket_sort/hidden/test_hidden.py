import random

from buckets import bucket_sort


def test_hidden_random():
    rng = random.Random(5)
    for _ in range(50):
        xs = [rng.randrange(7) for _ in range(rng.randrange(12))]
        assert bucket_sort(xs, 7) == sorted(xs)
