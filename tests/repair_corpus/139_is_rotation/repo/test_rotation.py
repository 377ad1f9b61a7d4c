from rotation import is_rotation


def test_rotation():
    assert is_rotation("waterbottle", "erbottlewat")


def test_not_a_rotation():
    assert not is_rotation("abc", "acb")


def test_part_is_not_a_rotation():
    assert not is_rotation("abcd", "bc")
