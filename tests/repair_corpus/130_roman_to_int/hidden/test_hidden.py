from roman import roman_to_int


def test_hidden_roman():
    assert roman_to_int("I") == 1
    assert roman_to_int("IV") == 4
    assert roman_to_int("IX") == 9
    assert roman_to_int("MCMXCIV") == 1994
    assert roman_to_int("MMXXVI") == 2026
    assert roman_to_int("XC") == 90
