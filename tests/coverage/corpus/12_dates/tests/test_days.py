from calendar_tools.days import is_leap


def test_is_leap():
    assert is_leap(2024)
    assert not is_leap(1900)
