"""Merge sort."""


def merge(left: list[int], right: list[int]) -> list[int]:
    """The sorted merge of two sorted lists."""
    out = []
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    return out + left[i:] + right[j:]


def merge_sort(xs: list[int]) -> list[int]:
    """A sorted copy of ``xs``."""
    if len(xs) <= 1:
        return list(xs)
    middle = len(xs) // 2
    return merge(merge_sort(xs[:middle]), merge_sort(xs[middle:]))
