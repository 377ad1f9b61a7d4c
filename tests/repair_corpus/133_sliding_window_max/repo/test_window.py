from window import window_max


def test_window_of_one():
    assert window_max([3, 1, 2], 1) == [3, 1, 2]


def test_increasing():
    assert window_max([1, 2, 3, 4], 2) == [2, 3, 4]


def test_decreasing():
    assert window_max([5, 4, 3, 2], 2) == [5, 4, 3]
