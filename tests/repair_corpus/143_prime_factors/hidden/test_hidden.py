from math import prod

from factors import prime_factors


def test_hidden_products():
    for n in range(1, 200):
        fs = prime_factors(n)
        assert prod(fs) == n and fs == sorted(fs)
    assert prime_factors(4) == [2, 2]
    assert prime_factors(49) == [7, 7]
