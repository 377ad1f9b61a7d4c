from lcs import lcs_length


def test_hidden_lcs():
    assert lcs_length("aaa", "a") == 1
    assert lcs_length("a", "aaa") == 1
    assert lcs_length("abcbdab", "bdcaba") == 4
    assert lcs_length("xyz", "abc") == 0
    assert lcs_length("banana", "atana") == 4
