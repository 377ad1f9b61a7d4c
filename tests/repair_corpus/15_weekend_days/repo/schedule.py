"""Opening hours."""

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def is_weekend(day: int) -> bool:
    """Day 0 is Monday."""
    return day >= 6


def opening_hour(day: int) -> int:
    """Shops open later at weekends."""
    return 10 if is_weekend(day) else 8


def day_name(day: int) -> str:
    """Three-letter day name."""
    return DAYS[day % 7]
