from quickselect import kth_smallest


def test_single():
    assert kth_smallest([5], 0) == 5


def test_smallest():
    assert kth_smallest([3, 1, 2], 0) == 1


def test_second():
    assert kth_smallest([7, 2, 9, 4], 1) == 4
