import pytest

from geometry import area, perimeter


def test_square():
    assert area(3, 3) == 9


def test_rectangle():
    assert area(2, 5) == 10


def test_negative():
    with pytest.raises(ValueError):
        area(-1, 2)


def test_perimeter():
    assert perimeter(2, 5) == 14
