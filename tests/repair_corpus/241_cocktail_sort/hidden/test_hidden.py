import random

from cocktail import cocktail_sort


def test_hidden_random():
    rng = random.Random(241)
    for _ in range(200):
        xs = [rng.randint(-5, 5) for _ in range(rng.randint(0, 9))]
        assert cocktail_sort(xs) == sorted(xs), xs
