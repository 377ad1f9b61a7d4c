"""Continued fraction expansion."""


def continued_fraction(num: int, den: int) -> list[int]:
    """The terms [a0; a1, a2, ...] of num / den for positive integers."""
    terms = []
    while den:
        whole, r = divmod(num, den)
        terms.append(whole)
        num, den = den, r
    return terms
