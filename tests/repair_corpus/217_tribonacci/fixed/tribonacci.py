"""Tribonacci numbers."""


def tribonacci(n: int) -> int:
    """T(0) = 0, T(1) = 0, T(2) = 1, then each term is the sum of the three before it."""
    a, b, c = 0, 0, 1
    for _ in range(n):
        a, b, c = b, c, a + b + c
    return a
