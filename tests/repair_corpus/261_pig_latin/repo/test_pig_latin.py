from pig_latin import pig_latin, sentence


def test_vowel():
    assert pig_latin("apple") == "appleway"


def test_consonant():
    assert pig_latin("pig") == "igpay"


def test_sentence():
    assert sentence("hello out there") == "ellohay outway heretay"
