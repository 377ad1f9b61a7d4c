from euclid import gcd


def test_zero():
    assert gcd(7, 0) == 7


def test_common_factor():
    assert gcd(12, 18) == 6


def test_coprime():
    assert gcd(35, 64) == 1
