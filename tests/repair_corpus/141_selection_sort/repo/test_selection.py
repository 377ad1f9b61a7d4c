from selection import selection_sort


def test_empty_and_single():
    assert selection_sort([]) == []
    assert selection_sort([7]) == [7]


def test_already_sorted():
    assert selection_sort([1, 2, 3]) == [1, 2, 3]


def test_smallest_last():
    assert selection_sort([3, 2, 1]) == [1, 2, 3]
