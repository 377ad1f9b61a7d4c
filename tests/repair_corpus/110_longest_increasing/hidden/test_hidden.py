import itertools

from lis import longest_increasing


def _brute(xs):
    best = 0
    for size in range(len(xs) + 1):
        for combo in itertools.combinations(xs, size):
            if all(a < b for a, b in zip(combo, combo[1:])):
                best = max(best, size)
    return best


def test_hidden_lis():
    for xs in ([1, 2, 3, 4], [4, 10, 4, 3, 8, 9], [2, 2, 2], [10, 9, 2, 5, 3, 7, 101, 18], [7]):
        assert longest_increasing(xs) == _brute(xs)
