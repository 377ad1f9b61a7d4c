from occurrences import find_all


def test_none():
    assert find_all("abc", "x") == []


def test_once():
    assert find_all("hello", "ll") == [2]


def test_many():
    assert find_all("abcabcab", "ab") == [0, 3, 6]


def test_overlapping():
    assert find_all("aaaa", "aa") == [0, 1, 2]
