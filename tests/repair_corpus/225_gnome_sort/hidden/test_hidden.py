import random

from gnome import gnome_sort


def test_hidden_random():
    rng = random.Random(225)
    for _ in range(200):
        xs = [rng.randint(-5, 5) for _ in range(rng.randint(0, 9))]
        assert gnome_sort(xs) == sorted(xs), xs
