import random

from unique_run import longest_unique


def _reference(text):
    best = 0
    for i in range(len(text)):
        for j in range(i, len(text) + 1):
            if len(set(text[i:j])) == j - i:
                best = max(best, j - i)
    return best


def test_hidden_random():
    rng = random.Random(185)
    for _ in range(400):
        text = "".join(rng.choice("abcd") for _ in range(rng.randrange(12)))
        assert longest_unique(text) == _reference(text), text
