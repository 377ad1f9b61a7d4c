from insort_inplace import insertion_sort


def test_empty():
    assert insertion_sort([]) == []


def test_sorted():
    assert insertion_sort([1, 2, 3]) == [1, 2, 3]


def test_reversed():
    assert insertion_sort([3, 2, 1]) == [1, 2, 3]
