import random

from merge_ranges import merge_ranges


def _covered(ranges):
    return {x for s, e in ranges for x in range(2 * s, 2 * e + 1)}


def test_hidden_random():
    rng = random.Random(179)
    for _ in range(200):
        ranges = []
        for _ in range(rng.randrange(6)):
            s = rng.randrange(20)
            ranges.append((s, s + rng.randrange(5)))
        merged = merge_ranges(ranges)
        assert _covered(merged) == _covered(ranges)
        assert all(a[1] < b[0] for a, b in zip(merged, merged[1:]))
        assert all(s <= e for s, e in merged)
