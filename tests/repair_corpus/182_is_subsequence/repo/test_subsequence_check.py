from subsequence_check import is_subsequence


def test_yes():
    assert is_subsequence("ace", "abcde")


def test_no():
    assert not is_subsequence("aec", "abcde")


def test_empty_needle():
    assert is_subsequence("", "abc")
