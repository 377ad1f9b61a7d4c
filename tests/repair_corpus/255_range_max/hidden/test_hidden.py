import random

from range_max import maximum, range_max


def test_hidden_random():
    rng = random.Random(10)
    for n in range(1, 40):
        xs = [rng.randint(-50, 50) for _ in range(n)]
        assert maximum(xs) == max(xs), xs


def test_hidden_subrange():
    xs = [5, 1, 9, 3, 7, 2]
    assert range_max(xs, 3, 5) == 7
    assert range_max(xs, 1, 1) == 1
