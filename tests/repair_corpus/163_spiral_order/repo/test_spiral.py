from spiral import spiral


def test_empty():
    assert spiral([]) == []


def test_column():
    assert spiral([[1], [2], [3]]) == [1, 2, 3]


def test_square():
    assert spiral([[1, 2], [4, 3]]) == [1, 2, 3, 4]
