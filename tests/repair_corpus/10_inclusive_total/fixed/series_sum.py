"""Arithmetic series."""


def total(n: int) -> int:
    """1 + 2 + ... + n."""
    result = 0
    i = 1
    while i <= n:
        result += i
        i += 1
    return result


def average_to(n: int) -> float:
    """Mean of 1..n."""
    return total(n) / n
