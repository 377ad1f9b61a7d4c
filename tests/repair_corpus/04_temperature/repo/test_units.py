import pytest

from units import c_to_f, f_to_c, km_to_miles


def test_freezing():
    assert c_to_f(0) == 32


def test_boiling():
    assert c_to_f(100) == 212


def test_back():
    assert f_to_c(212) == 100


def test_distance():
    assert km_to_miles(10) == pytest.approx(6.21371)
