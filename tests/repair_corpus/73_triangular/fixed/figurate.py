"""Triangular numbers."""


def triangular(n: int) -> list[int]:
    """The first ``n`` triangular numbers 1, 3, 6, ..."""
    out = []
    total = 0
    for k in range(1, n + 1):
        total += k
        out.append(total)
    return out
