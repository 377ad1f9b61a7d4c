from grid import rotate_clockwise


def test_one_cell():
    assert rotate_clockwise([[7]]) == [[7]]


def test_two_by_two():
    assert rotate_clockwise([[1, 2], [3, 4]]) == [[3, 1], [4, 2]]
