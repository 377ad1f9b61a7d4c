from determinant import determinant


def test_one():
    assert determinant([[7]]) == 7


def test_two():
    assert determinant([[1, 2], [3, 4]]) == -2


def test_identity():
    assert determinant([[1, 0, 0], [0, 1, 0], [0, 0, 1]]) == 1


def test_three():
    assert determinant([[2, 0, 1], [1, 3, 2], [1, 1, 2]]) == 6
