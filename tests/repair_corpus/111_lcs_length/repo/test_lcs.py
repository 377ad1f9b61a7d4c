from lcs import lcs_length


def test_empty():
    assert lcs_length("", "abc") == 0


def test_same():
    assert lcs_length("abc", "abc") == 3


def test_interleaved():
    assert lcs_length("aab", "ab") == 2
