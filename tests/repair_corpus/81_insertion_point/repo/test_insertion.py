from insertion import insertion_point


def test_middle():
    assert insertion_point([1, 3, 5, 7], 4) == 2


def test_front():
    assert insertion_point([1, 3], 0) == 0


def test_duplicates():
    assert insertion_point([2, 2, 2], 2) == 0
