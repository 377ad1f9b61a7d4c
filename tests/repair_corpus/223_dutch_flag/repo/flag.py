"""Dijkstra's Dutch national flag partition of 0s, 1s and 2s."""


def dutch_flag(items: list[int]) -> list[int]:
    """A copy of items (each 0, 1 or 2) sorted in one pass."""
    result = list(items)
    lo, mid, hi = 0, 0, len(result) - 1
    while mid <= hi:
        if result[mid] == 0:
            result[lo], result[mid] = result[mid], result[lo]
            lo += 1
            mid += 1
        elif result[mid] == 1:
            mid += 1
        else:
            result[mid], result[hi] = result[hi], result[mid]
            hi -= 1
            mid += 1
    return result
