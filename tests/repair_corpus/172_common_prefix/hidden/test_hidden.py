import os
import random

from common_prefix import common_prefix


def test_hidden_random():
    rng = random.Random(172)
    for _ in range(200):
        words = ["".join(rng.choice("ab") for _ in range(rng.randrange(6))) for _ in range(rng.randrange(1, 5))]
        assert common_prefix(words) == os.path.commonprefix(words)
