"""Powers of two."""


def is_power_of_two(n: int) -> bool:
    """Whether n is 2 ** k for some k >= 0."""
    return n > 0 and n & (n - 1) == 0
