"""Bit counting."""


def count_ones(n: int) -> int:
    """Number of 1 bits in the non-negative integer ``n``."""
    count = 0
    while n:
        count += n & 1
        n >>= 1
    return count
