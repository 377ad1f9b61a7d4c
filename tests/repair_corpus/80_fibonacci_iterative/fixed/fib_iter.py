"""Fibonacci numbers."""


def fibonacci(n: int) -> int:
    """The ``n``-th Fibonacci number (fibonacci(0) == 0)."""
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
