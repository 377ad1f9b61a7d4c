from matrix_search import contains


def test_hidden_every_cell():
    m = [[1, 4, 7, 11], [2, 5, 8, 12], [3, 6, 9, 16]]
    for row in m:
        for x in row:
            assert contains(m, x)
    assert not contains(m, 0) and not contains(m, 10) and not contains(m, 20)
    assert contains([[4]], 4) and not contains([[4]], 3)
