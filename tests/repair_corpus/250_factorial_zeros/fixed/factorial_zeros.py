"""Trailing zeros of a factorial."""


def trailing_zeros(n: int) -> int:
    """How many zeros n! ends with."""
    count = 0
    while n:
        n //= 5
        count += n
    return count
