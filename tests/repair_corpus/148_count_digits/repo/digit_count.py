"""Decimal digits."""


def count_digits(n: int) -> int:
    """How many decimal digits ``n`` has (the sign does not count)."""
    n = abs(n)
    divisions = 0
    while n >= 10:
        n //= 10
        divisions += 1
    return divisions
