from range_max import maximum


def test_single():
    assert maximum([4]) == 4


def test_two():
    assert maximum([1, 9]) == 9


def test_unsorted():
    assert maximum([3, 8, -2, 7, 5]) == 8


def test_negatives():
    assert maximum([-5, -1, -9]) == -1
