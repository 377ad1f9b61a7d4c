"""Recursive binary search."""


def search(items: list[int], target: int, lo: int = 0, hi: int | None = None) -> int:
    """The index of target in the sorted items, or -1."""
    if hi is None:
        hi = len(items) - 1
    if lo > hi:
        return -1
    mid = (lo + hi) // 2
    if items[mid] == target:
        return mid
    if items[mid] < target:
        return search(items, target, mid + 1, hi)
    return search(items, target, lo, mid - 1)
