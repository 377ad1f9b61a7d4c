from bubble import bubble_sort


def test_empty():
    assert bubble_sort([]) == []


def test_pair():
    assert bubble_sort([2, 1]) == [1, 2]


def test_mixed():
    assert bubble_sort([5, 1, 4, 2, 8]) == [1, 2, 4, 5, 8]
