import pytest

from stats import mean, spread


def test_mean_whole():
    assert mean([2, 4, 6]) == 4


def test_mean_fraction():
    assert mean([1, 2]) == 1.5


def test_mean_empty():
    with pytest.raises(ValueError):
        mean([])


def test_spread():
    assert spread([3, 9, 1]) == 8
