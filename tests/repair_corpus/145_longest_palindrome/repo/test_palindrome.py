from palindrome import longest_palindrome


def test_empty():
    assert longest_palindrome("") == ""


def test_odd_centre():
    assert longest_palindrome("xabay") == "aba"


def test_even_centre():
    assert longest_palindrome("cbbd") == "bb"
