import random

import pytest

from parse_int import parse_int


def test_hidden_random():
    rng = random.Random(194)
    for _ in range(300):
        n = rng.randrange(-10**6, 10**6)
        text = rng.choice(["", " "]) + (("+" if n >= 0 and rng.random() < 0.5 else "") + str(n)) + rng.choice(["", "  "])
        assert parse_int(text) == n, text


@pytest.mark.parametrize("text", ["", "-", "+", "1a", "--1", " - 1"])
def test_hidden_refused(text):
    with pytest.raises(ValueError):
        parse_int(text)
