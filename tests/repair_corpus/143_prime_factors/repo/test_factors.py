from factors import prime_factors


def test_one_and_prime():
    assert prime_factors(1) == []
    assert prime_factors(13) == [13]


def test_composite():
    assert prime_factors(12) == [2, 2, 3]


def test_square_of_prime():
    assert prime_factors(9) == [3, 3]
