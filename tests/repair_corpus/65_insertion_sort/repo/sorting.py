"""Sorting small lists."""


def insertion_sort(values: list[int]) -> list[int]:
    """A sorted copy of ``values``."""
    out = list(values)
    for i in range(1, len(out)):
        key = out[i]
        j = i - 1
        while out[j] > key:
            out[j + 1] = out[j]
            j -= 1
        out[j + 1] = key
    return out
