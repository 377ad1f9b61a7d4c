import random

from argmax import argmax


def test_hidden_random():
    rng = random.Random(8)
    for _ in range(200):
        xs = [rng.randint(-9, 9) for _ in range(rng.randint(1, 8))]
        assert argmax(xs) == xs.index(max(xs)), xs
