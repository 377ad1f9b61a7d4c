"""Jump search in a sorted list."""

import math


def jump_search(items: list[int], target: int) -> int:
    """The index of ``target`` in the sorted list ``items``, or -1."""
    n = len(items)
    step = int(math.sqrt(n)) or 1
    prev, end = 0, step
    while end < n and items[end - 1] < target:
        prev = end
        end += step
    for i in range(prev, min(step, n)):
        if items[i] == target:
            return i
    return -1
