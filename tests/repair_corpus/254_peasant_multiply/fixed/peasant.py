"""Russian peasant multiplication."""


def multiply(a: int, b: int) -> int:
    """a * b for b >= 0 by halving b and doubling a."""
    if b == 0:
        return 0
    half = multiply(a * 2, b // 2)
    if b % 2 == 1:
        return half + a
    return half
