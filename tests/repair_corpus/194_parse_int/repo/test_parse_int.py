from parse_int import parse_int


def test_plain():
    assert parse_int("42") == 42


def test_spaces():
    assert parse_int(" 7 ") == 7


def test_negative():
    assert parse_int("-15") == -15
