"""Insertion sort, in place."""


def insertion_sort(items: list[int]) -> list[int]:
    """Sort ``items`` in place and return it."""
    for i in range(1, len(items)):
        key = items[i]
        j = i - 1
        while j > 0 and items[j] > key:
            items[j + 1] = items[j]
            j -= 1
        items[j + 1] = key
    return items
