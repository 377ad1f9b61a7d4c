import random

from heap import heapsort, sift_down


def test_hidden_random():
    rng = random.Random(3)
    for n in range(15):
        xs = [rng.randint(0, 20) for _ in range(n)]
        assert heapsort(xs) == sorted(xs)


def test_hidden_sift():
    h = [9, 1, 2]
    sift_down(h, 0)
    assert h == [1, 9, 2]
