"""Maximum of a list by divide and conquer."""


def range_max(xs: list[int], lo: int, hi: int) -> int:
    """The largest of xs[lo..hi] (inclusive), splitting the range in two."""
    if lo == hi:
        return xs[lo]
    mid = (lo + hi) // 2
    left = range_max(xs, lo, mid)
    right = range_max(xs, mid + 1, hi)
    return left if left >= right else right


def maximum(xs: list[int]) -> int:
    """The largest item of a non-empty list."""
    return range_max(xs, 0, len(xs) - 1)
