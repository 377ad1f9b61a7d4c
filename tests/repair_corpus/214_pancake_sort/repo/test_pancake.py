from pancake import pancake_sort


def test_sorted():
    assert pancake_sort([1, 2, 3]) == [1, 2, 3]


def test_reversed():
    assert pancake_sort([3, 2, 1]) == [1, 2, 3]


def test_mixed():
    assert pancake_sort([3, 1, 4, 1, 5]) == [1, 1, 3, 4, 5]
