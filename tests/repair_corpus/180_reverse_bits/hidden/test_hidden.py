import random

from bit_reverse import reverse_bits


def test_hidden_random():
    rng = random.Random(180)
    for _ in range(300):
        width = rng.randrange(1, 17)
        n = rng.randrange(1 << width)
        assert reverse_bits(n, width) == int(format(n, f"0{width}b")[::-1], 2)
