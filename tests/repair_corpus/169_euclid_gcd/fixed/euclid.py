"""Greatest common divisor by Euclid's algorithm."""


def gcd(a: int, b: int) -> int:
    """The greatest common divisor of two non-negative integers."""
    if b == 0:
        return a
    return gcd(b, a % b)
