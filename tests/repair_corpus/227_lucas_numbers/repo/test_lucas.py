from lucas import lucas


def test_zero():
    assert lucas(0) == 2


def test_one():
    assert lucas(1) == 1


def test_five():
    assert lucas(5) == 11
