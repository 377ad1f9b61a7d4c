"""Hamming distance between two integers."""


def hamming_distance(x: int, y: int) -> int:
    """How many bit positions of x and y differ."""
    diff = x ^ y
    count = 0
    while diff:
        count += diff & 1
        diff >>= 1
    return count
