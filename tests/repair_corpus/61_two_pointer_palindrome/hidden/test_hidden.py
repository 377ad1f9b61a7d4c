from palindromes import is_palindrome


def test_hidden_palindromes():
    assert is_palindrome("x")
    assert is_palindrome("abba")
    assert not is_palindrome("ab")
    assert not is_palindrome("abca")
