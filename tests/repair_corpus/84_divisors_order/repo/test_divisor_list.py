from divisor_list import divisors


def test_square():
    assert divisors(16) == [1, 2, 4, 8, 16]


def test_prime():
    assert divisors(7) == [1, 7]
