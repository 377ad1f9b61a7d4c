"""Reversing the bits of a fixed-width integer."""


def reverse_bits(n: int, width: int) -> int:
    """``n``'s lowest ``width`` bits in reverse order."""
    out = 0
    for _ in range(width):
        out = (out << 1) | (n & 1)
        n >>= 1
    return out
