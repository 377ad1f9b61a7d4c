from totient import phi


def test_one():
    assert phi(1) == 1


def test_prime():
    assert phi(13) == 12


def test_composite():
    assert phi(12) == 4
