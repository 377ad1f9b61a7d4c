"""Real roots of a quadratic."""

import math


def roots(a: float, b: float, c: float) -> list[float]:
    """The real roots of a*x**2 + b*x + c (a != 0), smallest first; a double root once."""
    disc = b * b - 4 * a * c
    if disc < 0:
        return []
    r = math.sqrt(disc)
    x1 = (-b - r) / (2 * a)
    x2 = (-b + r) / (2 * a)
    if disc == 0:
        return [x1]
    return sorted([x1, x2])
