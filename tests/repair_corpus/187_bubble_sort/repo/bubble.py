"""Bubble sort with an early exit."""


def bubble_sort(items: list[int]) -> list[int]:
    """A sorted copy of ``items``; stops once a pass swaps nothing."""
    out = list(items)
    for end in range(len(out) - 1, 0, -1):
        for i in range(end):
            swapped = False
            if out[i] > out[i + 1]:
                out[i], out[i + 1] = out[i + 1], out[i]
                swapped = True
        if not swapped:
            break
    return out
