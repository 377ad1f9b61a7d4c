import pytest

from paging import Paginator


def test_first_page():
    assert Paginator(list(range(5)), 2).page(1) == [0, 1]


def test_page_count():
    assert Paginator(list(range(5)), 2).pages == 3


def test_out_of_range():
    with pytest.raises(IndexError):
        Paginator([], 10).page(2)
