"""Insertion points."""


def insertion_point(values: list[int], x: int) -> int:
    """Leftmost index at which ``x`` can be inserted keeping ``values`` sorted."""
    lo, hi = 0, len(values)
    while lo < hi:
        mid = (lo + hi) // 2
        if values[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo
