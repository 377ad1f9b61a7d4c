from textstats import normalise, vowel_count


def test_normalise():
    assert normalise("  Hi ") == "hi"


def test_lower():
    assert vowel_count("banana") == 3


def test_upper():
    assert vowel_count("AEIOU xyz") == 5
