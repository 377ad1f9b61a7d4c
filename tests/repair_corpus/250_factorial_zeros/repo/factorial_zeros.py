"""Trailing zeros of a factorial."""


def trailing_zeros(n: int) -> int:
    """How many zeros n! ends with."""
    count = 0
    while n:
        count += n
        n //= 5
    return count
