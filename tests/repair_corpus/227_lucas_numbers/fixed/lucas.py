"""Lucas numbers."""


def lucas(n: int) -> int:
    """The n-th Lucas number (2, 1, 3, 4, 7, ...)."""
    if n == 0:
        return 2
    if n == 1:
        return 1
    return lucas(n - 1) + lucas(n - 2)
