import random

from pair_sum import pair_with_sum


def test_hidden_random():
    rng = random.Random(181)
    for _ in range(300):
        items = sorted(rng.sample(range(40), rng.randrange(8)))
        target = rng.randrange(80)
        found = pair_with_sum(items, target)
        exists = any(items[i] + items[j] == target for i in range(len(items)) for j in range(i + 1, len(items)))
        if found is None:
            assert not exists
        else:
            i, j = found
            assert i < j and items[i] + items[j] == target
