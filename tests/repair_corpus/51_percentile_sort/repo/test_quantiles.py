import pytest

from quantiles import percentile


def test_sorted():
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.0


def test_unsorted():
    assert percentile([4.0, 1.0, 3.0, 2.0], 1.0) == 4.0


def test_empty():
    with pytest.raises(ValueError):
        percentile([], 0.5)
