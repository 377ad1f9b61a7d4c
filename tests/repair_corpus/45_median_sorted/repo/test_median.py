import pytest

from median import median


def test_sorted_input():
    assert median([1, 2, 3]) == 2


def test_unsorted():
    assert median([3, 1, 2]) == 2


def test_even():
    assert median([4, 1, 3, 2]) == 2.5


def test_empty():
    with pytest.raises(ValueError):
        median([])
