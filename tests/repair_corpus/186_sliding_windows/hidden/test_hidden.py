import random

from windows import windows


def test_hidden_random():
    rng = random.Random(186)
    for _ in range(300):
        items = [rng.randrange(10) for _ in range(rng.randrange(12))]
        size = rng.randrange(1, 6)
        expected = [tuple(items[i : i + size]) for i in range(len(items) - size + 1)]
        assert list(windows(iter(items), size)) == expected
