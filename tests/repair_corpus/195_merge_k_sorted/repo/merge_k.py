"""Merging several sorted lists with a heap."""

import heapq


def merge_sorted(lists: list[list[int]]) -> list[int]:
    """One sorted list of every item of the sorted ``lists``."""
    heap = [(items[0], k, 0) for k, items in enumerate(lists) if items]
    heapq.heapify(heap)
    out = []
    while heap:
        value, k, i = heapq.heappop(heap)
        out.append(value)
        if i + 1 < len(lists[k]):
            heapq.heappush(heap, (lists[k][i + 1], k, i))
    return out
