from numerals import to_roman


def test_hidden_to_roman():
    assert to_roman(1994) == "MCMXCIV"
    assert to_roman(2026) == "MMXXVI"
    assert to_roman(3888) == "MMMDCCCLXXXVIII"
    assert to_roman(14) == "XIV"
