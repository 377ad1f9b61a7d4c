"""Calendar arithmetic on (year, month, day) tuples, without the datetime module."""

from __future__ import annotations

_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if not 1 <= month <= 12:
        raise ValueError("month must be 1..12")
    if month == 2 and is_leap(year):
        return 29
    return _DAYS[month - 1]


def day_of_year(year: int, month: int, day: int) -> int:
    if not 1 <= day <= days_in_month(year, month):
        raise ValueError("day out of range for month")
    return sum(days_in_month(year, m) for m in range(1, month)) + day


def add_days(year: int, month: int, day: int, count: int) -> tuple[int, int, int]:
    if count < 0:
        raise ValueError("count must not be negative")
    day += count
    while day > days_in_month(year, month):
        day -= days_in_month(year, month)
        month += 1
        if month > 12:
            month, year = 1, year + 1
    return (year, month, day)


def weekday(year: int, month: int, day: int) -> int:
    offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
    if month < 3:
        year -= 1
    return (year + year // 4 - year // 100 + year // 400 + offsets[month - 1] + day) % 7
