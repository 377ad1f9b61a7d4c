from spiral import spiral


def test_hidden_shapes():
    assert spiral([[1, 2, 3], [8, 9, 4], [7, 6, 5]]) == list(range(1, 10))
    assert spiral([[1, 2, 3, 4]]) == [1, 2, 3, 4]
    assert spiral([[1, 2, 3, 4], [10, 11, 12, 5], [9, 8, 7, 6]]) == list(range(1, 13))
    for rows in range(1, 6):
        for cols in range(1, 6):
            m = [[r * cols + c for c in range(cols)] for r in range(rows)]
            assert sorted(spiral(m)) == list(range(rows * cols))
