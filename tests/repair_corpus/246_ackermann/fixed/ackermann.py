"""The Ackermann function."""


def ackermann(m: int, n: int) -> int:
    """A(m, n) for non-negative m and n."""
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))
