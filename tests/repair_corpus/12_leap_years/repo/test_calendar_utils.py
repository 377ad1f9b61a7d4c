from calendar_utils import days_in_year, is_leap


def test_common_year():
    assert not is_leap(2023)


def test_leap_year():
    assert is_leap(2024)


def test_days():
    assert days_in_year(2024) == 366
    assert days_in_year(1900) == 365
