from playlist import rotate


def test_hidden_rotations():
    assert rotate(["a", "b", "c", "d"], 2) == ["c", "d", "a", "b"]
    assert rotate(["a", "b"], 4) == ["a", "b"]
    assert rotate(["a", "b", "c"], 5) == ["c", "a", "b"]
