"""Fractions in lowest terms."""


def gcd(a: int, b: int) -> int:
    """Greatest common divisor of two non-negative integers."""
    while b:
        a, b = b, b % a
    return a


def reduce(numerator: int, denominator: int) -> tuple[int, int]:
    """The fraction in lowest terms."""
    g = gcd(abs(numerator), abs(denominator)) or 1
    return numerator // g, denominator // g
