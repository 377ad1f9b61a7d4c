import random

from subsequence_check import is_subsequence


def _naive(s, t):
    it = iter(t)
    return all(ch in it for ch in s)


def test_hidden_random():
    rng = random.Random(182)
    for _ in range(300):
        s = "".join(rng.choice("ab") for _ in range(rng.randrange(5)))
        t = "".join(rng.choice("ab") for _ in range(rng.randrange(8)))
        assert is_subsequence(s, t) == _naive(s, t)
