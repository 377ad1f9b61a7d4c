from hms_clock import hms


def test_zero():
    assert hms(0) == "0:00:00"


def test_seconds():
    assert hms(59) == "0:00:59"


def test_hours():
    assert hms(3725) == "1:02:05"
