from roman import roman_to_int


def test_single_symbol():
    assert roman_to_int("X") == 10


def test_additive():
    assert roman_to_int("XVI") == 16


def test_subtractive():
    assert roman_to_int("XIV") == 14
