from unique_run import longest_unique


def test_classic():
    assert longest_unique("abcabcbb") == 3


def test_same():
    assert longest_unique("bbbbb") == 1


def test_empty():
    assert longest_unique("") == 0


def test_mirror():
    assert longest_unique("abba") == 2
