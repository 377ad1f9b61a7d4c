from fractions_util import gcd, reduce


def test_gcd():
    assert gcd(12, 18) == 6


def test_reduce():
    assert reduce(10, 4) == (5, 2)


def test_zero():
    assert gcd(7, 0) == 7
