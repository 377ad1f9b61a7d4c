from clock import hms


def test_seconds():
    assert hms(59) == "0:00:59"


def test_minutes():
    assert hms(45 * 60) == "0:45:00"


def test_hours():
    assert hms(3600 + 61) == "1:01:01"
