from fractions_util import gcd, reduce


def test_hidden_gcd():
    assert gcd(18, 12) == 6
    assert gcd(17, 5) == 1
    assert gcd(0, 9) == 9
    assert reduce(-6, 8) == (-3, 4)
