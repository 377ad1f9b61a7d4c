from reverse_words import reverse_words


def test_empty():
    assert reverse_words("") == ""


def test_two():
    assert reverse_words("hello world") == "world hello"


def test_spaces():
    assert reverse_words("  the sky  is blue ") == "blue is sky the"
