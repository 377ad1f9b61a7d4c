"""Exponential search in a sorted list."""


def exponential_search(items: list[int], target: int) -> int:
    """An index of target in the sorted items, or -1."""
    if not items:
        return -1
    bound = 1
    while bound < len(items) and items[bound] < target:
        bound *= 2
    lo, hi = bound // 2, min(bound, len(items) - 1)
    while lo <= hi:
        mid = (lo + hi) // 2
        if items[mid] == target:
            return mid
        if items[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1
