"""Polynomial evaluation by Horner's rule."""


def evaluate(coefficients: list[int], x: int) -> int:
    """The polynomial with ``coefficients`` (highest power first) at ``x``."""
    total = 0
    for c in coefficients:
        total = total * x * c
    return total
