import pytest

from radix import parse


def test_decimal():
    assert parse("407", 10) == 407


def test_bad_digit():
    with pytest.raises(ValueError):
        parse("19", 8)


def test_hex():
    assert parse("ff", 16) == 255
