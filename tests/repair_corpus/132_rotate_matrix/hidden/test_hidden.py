from grid import rotate_clockwise


def test_hidden_rotate():
    assert rotate_clockwise([[1, 2, 3], [4, 5, 6], [7, 8, 9]]) == [[7, 4, 1], [8, 5, 2], [9, 6, 3]]
    assert rotate_clockwise([]) == []
    m = [[1, 2], [3, 4]]
    assert rotate_clockwise(rotate_clockwise(rotate_clockwise(rotate_clockwise(m)))) == m
    assert m == [[1, 2], [3, 4]]
