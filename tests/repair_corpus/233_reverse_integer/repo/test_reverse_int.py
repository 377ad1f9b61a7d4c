from reverse_int import reverse_integer


def test_positive():
    assert reverse_integer(123) == 321


def test_zero():
    assert reverse_integer(0) == 0


def test_negative():
    assert reverse_integer(-45) == -54
