"""Leftmost position in a sorted list."""


def leftmost(xs: list[int], target: int) -> int:
    """Index of the first element of sorted ``xs`` that is >= ``target`` (len(xs) when none is)."""
    lo, hi = 0, len(xs)
    while lo < hi:
        mid = (lo + hi) // 2
        if xs[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo
