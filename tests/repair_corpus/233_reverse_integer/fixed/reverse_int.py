"""Reverse the digits of an integer."""


def reverse_integer(n: int) -> int:
    """n with its decimal digits reversed, keeping the sign."""
    sign = -1 if n < 0 else 1
    rest = abs(n)
    out = 0
    while rest:
        rest, digit = divmod(rest, 10)
        out = out * 10 + digit
    return sign * out
