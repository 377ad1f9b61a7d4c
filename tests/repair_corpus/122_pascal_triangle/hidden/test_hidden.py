from math import comb

from pascal import pascal


def test_hidden_pascal():
    rows = pascal(12)
    assert rows == [[comb(r, c) for c in range(r + 1)] for r in range(12)]
    assert pascal(2) == [[1], [1, 1]]
