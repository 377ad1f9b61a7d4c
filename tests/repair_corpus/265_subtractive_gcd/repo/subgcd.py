"""Greatest common divisor by repeated subtraction."""


def gcd(a: int, b: int) -> int:
    """gcd of two positive integers."""
    while a != b:
        if a > b:
            a = a - b
        else:
            b = a - b
    return a
