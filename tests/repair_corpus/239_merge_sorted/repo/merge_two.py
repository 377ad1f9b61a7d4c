"""Merging two sorted lists."""


def merge(xs: list[int], ys: list[int]) -> list[int]:
    """One sorted list holding the items of the sorted lists xs and ys."""
    out = []
    i = j = 0
    while i < len(xs) and j < len(ys):
        if xs[i] <= ys[j]:
            out.append(xs[i])
            i += 1
        else:
            out.append(ys[j])
            j += 1
    out.extend(xs[i:])
    return out
