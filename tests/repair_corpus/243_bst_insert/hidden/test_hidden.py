import random

from bst import in_order, insert


def test_hidden_random():
    rng = random.Random(243)
    for _ in range(200):
        keys = [rng.randint(-9, 9) for _ in range(rng.randint(0, 10))]
        root = None
        for k in keys:
            root = insert(root, k)
        assert in_order(root) == sorted(keys), keys
