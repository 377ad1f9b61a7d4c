import random

from kmp import prefix_function


def _naive(text):
    out = []
    for i in range(len(text)):
        s = text[: i + 1]
        out.append(max(k for k in range(len(s)) if s[:k] == s[len(s) - k :]))
    return out


def test_hidden_random():
    rng = random.Random(174)
    for _ in range(300):
        text = "".join(rng.choice("ab") for _ in range(rng.randrange(12)))
        assert prefix_function(text) == _naive(text)
