from bezout import extended_gcd


def test_zero():
    assert extended_gcd(7, 0) == (7, 1, 0)


def test_gcd_value():
    assert extended_gcd(12, 18)[0] == 6


def test_identity():
    g, x, y = extended_gcd(240, 46)
    assert g == 2 and 240 * x + 46 * y == 2
