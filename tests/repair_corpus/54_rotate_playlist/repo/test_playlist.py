from playlist import rotate


def test_rotate_one():
    assert rotate(["a", "b", "c"], 1) == ["b", "c", "a"]


def test_rotate_empty():
    assert rotate([], 3) == []
