import pytest

from durations import parse_duration


def test_minutes():
    assert parse_duration("5m") == 300


def test_combined():
    assert parse_duration("1h30m") == 5400


def test_missing_unit():
    with pytest.raises(ValueError):
        parse_duration("10")
