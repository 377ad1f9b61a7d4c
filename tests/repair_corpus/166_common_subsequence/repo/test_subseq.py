from subseq import lcs


def test_empty():
    assert lcs("", "abc") == ""


def test_disjoint():
    assert lcs("ab", "cd") == ""


def test_one_common():
    assert lcs("xa", "a") == "a"


def test_repeat_used_once():
    assert lcs("aa", "a") == "a"
