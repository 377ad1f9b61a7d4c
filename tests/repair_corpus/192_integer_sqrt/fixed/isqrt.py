"""Integer square root by binary search."""


def isqrt(n: int) -> int:
    """The largest integer whose square is at most ``n`` (``n >= 0``)."""
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if mid * mid <= n:
            lo = mid
        else:
            hi = mid - 1
    return lo
