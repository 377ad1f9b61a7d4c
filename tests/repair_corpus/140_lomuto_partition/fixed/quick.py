"""Quicksort with Lomuto's partition."""


def partition(a: list[int], lo: int, hi: int) -> int:
    """Put ``a[hi]`` where it belongs in ``a[lo:hi + 1]``; return its index."""
    pivot = a[hi]
    i = lo - 1
    for j in range(lo, hi):
        if a[j] <= pivot:
            i += 1
            a[i], a[j] = a[j], a[i]
    a[i + 1], a[hi] = a[hi], a[i + 1]
    return i + 1


def quicksort(a: list[int], lo: int = 0, hi: int | None = None) -> None:
    """Sort ``a`` in place."""
    if hi is None:
        hi = len(a) - 1
    if lo < hi:
        p = partition(a, lo, hi)
        quicksort(a, lo, p - 1)
        quicksort(a, p + 1, hi)
