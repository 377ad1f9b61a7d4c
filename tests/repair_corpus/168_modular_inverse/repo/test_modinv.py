import pytest

from modinv import egcd, inverse


def test_egcd():
    g, x, y = egcd(30, 12)
    assert g == 6 and 30 * x + 12 * y == 6


def test_no_inverse():
    with pytest.raises(ValueError):
        inverse(4, 8)


def test_inverse():
    assert inverse(3, 7) == 5
