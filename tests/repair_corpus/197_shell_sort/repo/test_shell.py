from shell import shell_sort


def test_empty():
    assert shell_sort([]) == []


def test_pair():
    assert shell_sort([2, 1]) == [1, 2]


def test_mixed():
    assert shell_sort([9, 4, 7, 1, 8, 2, 6]) == [1, 2, 4, 6, 7, 8, 9]


def test_sorted():
    assert shell_sort([1, 2, 3, 4]) == [1, 2, 3, 4]
