import pytest

from batching import batches


def test_even():
    assert batches([1, 2, 3, 4], 2) == [[1, 2], [3, 4]]


def test_rest():
    assert batches([1, 2, 3], 2) == [[1, 2], [3]]


def test_bad_size():
    with pytest.raises(ValueError):
        batches([1], 0)
