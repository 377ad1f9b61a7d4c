from unique_char import first_unique


def test_empty():
    assert first_unique("") == -1


def test_first():
    assert first_unique("leetcode") == 0


def test_later():
    assert first_unique("loveleetcode") == 2


def test_none():
    assert first_unique("aabb") == -1
