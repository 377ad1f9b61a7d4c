"""Interpolation search in a sorted list of integers."""


def interpolation_search(items: list[int], key: int) -> int:
    """The index of key in sorted items, or -1."""
    lo, hi = 0, len(items) - 1
    while lo <= hi and items[lo] <= key <= items[hi]:
        if items[hi] == items[lo]:
            return lo if items[lo] == key else -1
        pos = lo + (key - items[lo]) * (hi - lo) // (items[hi] - items[lo])
        if items[pos] == key:
            return pos
        if items[pos] < key:
            lo = pos + 1
        else:
            hi = pos - 1
    return -1
