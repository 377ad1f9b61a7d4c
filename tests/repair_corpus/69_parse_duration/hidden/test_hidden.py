import pytest

from durations import parse_duration


def test_hidden_durations():
    assert parse_duration("2h") == 7200
    assert parse_duration("1m1s") == 61
    assert parse_duration("") == 0
    with pytest.raises(ValueError):
        parse_duration("1m2")
