from isqrt import isqrt


def test_zero():
    assert isqrt(0) == 0


def test_square():
    assert isqrt(16) == 4


def test_between():
    assert isqrt(17) == 4
