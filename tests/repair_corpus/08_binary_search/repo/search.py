"""Searching sorted sequences."""


def index_of(xs: list[int], target: int) -> int:
    """Position of ``target`` in sorted ``xs``, or -1."""
    lo, hi = 0, len(xs)
    while lo <= hi:
        mid = (lo + hi) // 2
        if xs[mid] == target:
            return mid
        if xs[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1
