from sorting import insertion_sort


def test_sorted_already():
    assert insertion_sort([1, 2, 3]) == [1, 2, 3]


def test_reverse():
    assert insertion_sort([3, 2, 1]) == [1, 2, 3]
