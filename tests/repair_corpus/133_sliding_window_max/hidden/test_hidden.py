from window import window_max


def test_hidden_window_max():
    assert window_max([1, 3, -1, -3, 5, 3, 6, 7], 3) == [3, 3, 5, 5, 6, 7]
    assert window_max([9, 1, 1, 1], 3) == [9, 1]
    assert window_max([4, 2], 2) == [4]
    assert window_max([2, 7, 1, 1, 1], 2) == [7, 7, 1, 1]
