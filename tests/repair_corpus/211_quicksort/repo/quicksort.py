"""Quicksort by partitioning into new lists."""


def quicksort(items: list[int]) -> list[int]:
    """A sorted copy of items."""
    if len(items) <= 1:
        return list(items)
    pivot, rest = items[0], items[1:]
    lesser = [x for x in rest if x < pivot]
    greater = [x for x in rest if x > pivot]
    return quicksort(lesser) + [pivot] + quicksort(greater)
