"""Exponentiation by squaring."""


def power(base: int, exp: int, mod: int) -> int:
    """``base ** exp % mod`` in O(log exp) multiplications."""
    result = 1 % mod
    base %= mod
    while exp > 0:
        if exp & 1:
            result = result * base % mod
            base = base * base % mod
        exp >>= 1
    return result
