from matrix import transpose


def test_hidden_transpose():
    assert transpose([]) == []
    assert transpose([[1], [2], [3]]) == [[1, 2, 3]]
    assert transpose([[7, 8, 9]]) == [[7], [8], [9]]
