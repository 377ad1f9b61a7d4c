import random

from substring import longest_common_substring


def brute(a, b):
    best = ""
    for i in range(len(a)):
        for j in range(i + 1, len(a) + 1):
            if a[i:j] in b and j - i > len(best):
                best = a[i:j]
    return best


def test_hidden_random():
    rng = random.Random(3)
    for _ in range(200):
        a = "".join(rng.choice("abc") for _ in range(rng.randint(0, 9)))
        b = "".join(rng.choice("abc") for _ in range(rng.randint(0, 9)))
        assert len(longest_common_substring(a, b)) == len(brute(a, b)), (a, b)
        assert longest_common_substring(a, b) in b
