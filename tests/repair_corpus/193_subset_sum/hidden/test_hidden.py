import itertools
import random

from subset_sum import can_sum


def test_hidden_random():
    rng = random.Random(193)
    for _ in range(300):
        values = [rng.randrange(1, 9) for _ in range(rng.randrange(6))]
        target = rng.randrange(25)
        expected = any(
            sum(c) == target for r in range(len(values) + 1) for c in itertools.combinations(values, r)
        )
        assert can_sum(values, target) == expected, (values, target)
