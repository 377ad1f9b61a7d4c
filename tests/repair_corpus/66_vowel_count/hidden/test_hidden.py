from textstats import vowel_count


def test_hidden_vowels():
    assert vowel_count("") == 0
    assert vowel_count("Orange") == 3
    assert vowel_count("rhythm") == 0
