import random

from isbn import is_valid_isbn10


def _valid(code):
    vals = []
    for i, ch in enumerate(code):
        if ch == "X" and i == 9:
            vals.append(10)
        elif ch.isdigit():
            vals.append(int(ch))
        else:
            return False
    return len(code) == 10 and sum((10 - i) * v for i, v in enumerate(vals)) % 11 == 0


def test_hidden_random():
    rng = random.Random(247)
    for _ in range(400):
        code = "".join(rng.choice("0123456789") for _ in range(9)) + rng.choice("0123456789X")
        assert is_valid_isbn10(code) == _valid(code), code
