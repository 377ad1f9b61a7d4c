from clock import hms


def test_hidden_durations():
    assert hms(0) == "0:00:00"
    assert hms(3599) == "0:59:59"
    assert hms(86399) == "23:59:59"
    assert hms(30 * 60 + 5) == "0:30:05"
