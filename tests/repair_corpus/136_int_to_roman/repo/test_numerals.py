from numerals import to_roman


def test_one():
    assert to_roman(1) == "I"


def test_subtractive():
    assert to_roman(9) == "IX"
    assert to_roman(40) == "XL"


def test_repeated_symbol():
    assert to_roman(3) == "III"
