from palsub import longest_palindromic_subsequence


def test_empty():
    assert longest_palindromic_subsequence("") == 0


def test_one():
    assert longest_palindromic_subsequence("a") == 1


def test_bbbab():
    assert longest_palindromic_subsequence("bbbab") == 4


def test_cbbd():
    assert longest_palindromic_subsequence("cbbd") == 2
