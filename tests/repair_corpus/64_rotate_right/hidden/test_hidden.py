from circular import rotate_right


def test_hidden_rotate():
    assert rotate_right([1, 2, 3, 4, 5], 2) == [4, 5, 1, 2, 3]
    assert rotate_right([], 2) == []
    assert rotate_right([1, 2, 3], 4) == [3, 1, 2]
