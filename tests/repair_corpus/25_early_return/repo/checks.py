"""Validation helpers."""


def all_positive(values: list[int]) -> bool:
    """True when every value is greater than zero."""
    for value in values:
        if value <= 0:
            return False
        return True
    return True


def first_negative(values: list[int]) -> int | None:
    """The first negative value, if any."""
    for value in values:
        if value < 0:
            return value
    return None
