"""Integers written in another base."""

DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def to_base(n: int, base: int) -> str:
    """``n`` (non-negative) in ``base`` (2 to 36)."""
    if n == 0:
        return "0"
    out = ""
    while n > 0:
        n, r = divmod(n, base)
        out = out + DIGITS[r]
    return out
