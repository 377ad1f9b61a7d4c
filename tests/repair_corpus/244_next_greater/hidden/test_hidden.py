import random

from next_greater import next_greater


def _slow(xs):
    return [next((y for y in xs[i + 1 :] if y > x), -1) for i, x in enumerate(xs)]


def test_hidden_random():
    rng = random.Random(244)
    for _ in range(200):
        xs = [rng.randint(0, 9) for _ in range(rng.randint(0, 9))]
        assert next_greater(xs) == _slow(xs), xs
