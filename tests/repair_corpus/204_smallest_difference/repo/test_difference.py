from difference import smallest_difference


def test_shared_value():
    assert smallest_difference([1, 5], [5, 9]) == 0


def test_gap():
    assert smallest_difference([1, 3, 15, 11, 2], [23, 127, 235, 19, 8]) == 3


def test_single():
    assert smallest_difference([10], [4]) == 6
