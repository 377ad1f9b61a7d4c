import itertools
import random

from rle_encode import run_length_encode


def test_hidden_random():
    rng = random.Random(9)
    for _ in range(200):
        s = "".join(rng.choice("xy") for _ in range(rng.randint(0, 12)))
        assert run_length_encode(s) == [(k, len(list(g))) for k, g in itertools.groupby(s)], s
