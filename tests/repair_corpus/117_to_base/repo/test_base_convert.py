from base_convert import to_base


def test_zero():
    assert to_base(0, 2) == "0"


def test_single_digit():
    assert to_base(7, 10) == "7"


def test_binary():
    assert to_base(6, 2) == "110"
