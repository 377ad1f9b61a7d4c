import random

from be_int import from_bytes_be


def test_hidden_random():
    rng = random.Random(183)
    for _ in range(300):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(9)))
        assert from_bytes_be(data) == int.from_bytes(data, "big"), data
