import pytest

from series import deltas, window_sums


def test_windows():
    assert window_sums([1, 2, 3, 4], 2) == [3, 5, 7]


def test_window_of_all():
    assert window_sums([5, 5], 2) == [10]


def test_bad_size():
    with pytest.raises(ValueError):
        window_sums([1], 0)


def test_deltas():
    assert deltas([1, 4, 9]) == [3, 5]
