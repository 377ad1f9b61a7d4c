from msort import merge_sort


def test_empty():
    assert merge_sort([]) == []


def test_small():
    assert merge_sort([3, 1, 2]) == [1, 2, 3]


def test_reversed():
    assert merge_sort([5, 4, 3, 2, 1]) == [1, 2, 3, 4, 5]
