import random

from merge_k import merge_sorted


def test_hidden_random():
    rng = random.Random(195)
    for _ in range(300):
        lists = [sorted(rng.randrange(20) for _ in range(rng.randrange(5))) for _ in range(rng.randrange(5))]
        assert merge_sorted(lists) == sorted(x for xs in lists for x in xs)
