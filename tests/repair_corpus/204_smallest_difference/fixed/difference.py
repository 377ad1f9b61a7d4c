"""Smallest difference between two lists."""


def smallest_difference(xs: list[int], ys: list[int]) -> int:
    """The smallest ``abs(x - y)`` over ``x`` in ``xs`` and ``y`` in ``ys`` (both non-empty)."""
    a, b = sorted(xs), sorted(ys)
    i = j = 0
    best = float("inf")
    while i < len(a) and j < len(b):
        best = min(best, abs(a[i] - b[j]))
        if a[i] < b[j]:
            i += 1
        else:
            j += 1
    return best
