import random

from subseq import lcs


def _length(a, b):
    dp = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            dp[i + 1][j + 1] = dp[i][j] + 1 if x == y else max(dp[i][j + 1], dp[i + 1][j])
    return dp[-1][-1]


def _is_subsequence(s, t):
    it = iter(t)
    return all(ch in it for ch in s)


def test_hidden_random():
    rng = random.Random(6)
    for _ in range(60):
        a = "".join(rng.choice("abc") for _ in range(rng.randrange(8)))
        b = "".join(rng.choice("abc") for _ in range(rng.randrange(8)))
        s = lcs(a, b)
        assert len(s) == _length(a, b)
        assert _is_subsequence(s, a) and _is_subsequence(s, b)
