"""Can three lengths make a triangle?"""


def is_triangle(a: float, b: float, c: float) -> bool:
    """True when each side is shorter than the sum of the other two (and all are positive)."""
    if a <= 0 or b <= 0 or c <= 0:
        return False
    return a + b > c and a + c > b and b + c > b
