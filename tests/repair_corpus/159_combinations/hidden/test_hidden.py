import itertools

from combos import combinations


def test_hidden_against_itertools():
    for n in range(6):
        for k in range(n + 2):
            items = list(range(10, 10 + n))
            assert combinations(items, k) == list(itertools.combinations(items, k))
