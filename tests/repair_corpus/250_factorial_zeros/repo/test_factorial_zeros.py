from factorial_zeros import trailing_zeros


def test_zero():
    assert trailing_zeros(0) == 0


def test_four():
    assert trailing_zeros(4) == 0


def test_ten():
    assert trailing_zeros(10) == 2


def test_hundred():
    assert trailing_zeros(100) == 24
