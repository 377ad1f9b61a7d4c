"""Extended Euclid: Bezout coefficients."""


def extended_gcd(a: int, b: int) -> tuple[int, int, int]:
    """``(g, x, y)`` with ``g = gcd(a, b) = a * x + b * y`` for ``a, b >= 0``."""
    if b == 0:
        return a, 1, 0
    g, x, y = extended_gcd(b, a % b)
    return g, x - (a // b) * y, y
