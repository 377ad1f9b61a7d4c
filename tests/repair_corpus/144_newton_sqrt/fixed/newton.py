"""Square roots by Newton's method."""


def sqrt(x: float, epsilon: float = 0.01) -> float:
    """An approximation of the square root of ``x > 0`` whose square is within ``epsilon`` of ``x``."""
    approx = x / 2
    while abs(x - approx * approx) > epsilon:
        approx = 0.5 * (approx + x / approx)
    return approx
