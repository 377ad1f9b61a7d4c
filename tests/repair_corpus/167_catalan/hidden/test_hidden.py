from math import comb

from catalan import catalan


def test_hidden_closed_form():
    for n in range(20):
        assert catalan(n) == comb(2 * n, n) // (n + 1)
