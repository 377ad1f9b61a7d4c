from primality import is_prime


def test_small():
    assert not is_prime(1)
    assert is_prime(2)


def test_composite():
    assert not is_prime(12)


def test_square():
    assert not is_prime(25)
