import pytest

from order_stats import kth_largest


def test_max():
    assert kth_largest([3, 9, 4], 1) == 9


def test_middle_of_three():
    assert kth_largest([3, 9, 4], 2) == 4


def test_out_of_range():
    with pytest.raises(ValueError):
        kth_largest([1], 2)
