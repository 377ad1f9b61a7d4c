from sorting import insertion_sort


def test_hidden_sort():
    assert insertion_sort([]) == []
    assert insertion_sort([5, 1, 4, 2, 3]) == [1, 2, 3, 4, 5]
    assert insertion_sort([2, 2, 1]) == [1, 2, 2]
