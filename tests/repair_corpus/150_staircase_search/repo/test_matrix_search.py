from matrix_search import contains

M = [[1, 4, 7], [2, 5, 8], [3, 6, 9]]


def test_empty():
    assert not contains([], 1)


def test_found_and_missing():
    assert contains(M, 5)
    assert not contains(M, 10)


def test_first_column():
    assert contains(M, 2)
