from next_greater import next_greater


def test_empty():
    assert next_greater([]) == []


def test_increasing():
    assert next_greater([1, 2, 3]) == [2, 3, -1]


def test_decreasing():
    assert next_greater([3, 2, 1]) == [-1, -1, -1]


def test_mixed():
    assert next_greater([2, 7, 3, 5, 4, 6, 8]) == [7, 8, 5, 6, 6, 8, -1]
