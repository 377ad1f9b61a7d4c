from subgcd import gcd


def test_equal():
    assert gcd(7, 7) == 7


def test_first_larger():
    assert gcd(12, 4) == 4


def test_second_larger():
    assert gcd(6, 15) == 3


def test_coprime():
    assert gcd(8, 5) == 1
