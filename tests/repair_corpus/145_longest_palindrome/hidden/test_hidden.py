from palindrome import longest_palindrome


def test_hidden_more():
    assert longest_palindrome("a") == "a"
    assert longest_palindrome("racecar") == "racecar"
    assert longest_palindrome("abacdfgdcaba") == "aba"
    assert longest_palindrome("forgeeksskeegfor") == "geeksskeeg"
