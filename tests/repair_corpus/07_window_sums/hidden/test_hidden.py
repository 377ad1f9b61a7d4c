from series import window_sums


def test_hidden_windows():
    assert window_sums([1, 2, 3], 1) == [1, 2, 3]
    assert window_sums([1, 2, 3], 3) == [6]
    assert window_sums([1, 2], 3) == []
