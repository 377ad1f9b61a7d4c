"""Counting."""


def factorial(n: int) -> int:
    """n! for n >= 0."""
    if n <= 1:
        return 1
    return n * factorial(n - 1)


def choose(n: int, k: int) -> int:
    """Binomial coefficient."""
    return factorial(n) // (factorial(k) * factorial(n - k))
