import itertools
import random

from palsub import longest_palindromic_subsequence


def brute(s):
    for k in range(len(s), 0, -1):
        for idx in itertools.combinations(range(len(s)), k):
            t = "".join(s[i] for i in idx)
            if t == t[::-1]:
                return k
    return 0


def test_hidden_random():
    rng = random.Random(5)
    for _ in range(150):
        s = "".join(rng.choice("abc") for _ in range(rng.randint(0, 8)))
        assert longest_palindromic_subsequence(s) == brute(s), s
