"""Counting inversions with merge sort."""


def count_inversions(items: list[int]) -> int:
    """How many pairs ``i < j`` have ``items[i] > items[j]``."""
    return _sort_count(list(items))[1]


def _sort_count(a: list[int]) -> tuple[list[int], int]:
    """``a`` sorted, and its number of inversions."""
    if len(a) <= 1:
        return a, 0
    mid = len(a) // 2
    left, left_count = _sort_count(a[:mid])
    right, right_count = _sort_count(a[mid:])
    merged: list[int] = []
    count = left_count + right_count
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            merged.append(left[i])
            i += 1
        else:
            merged.append(right[j])
            count += len(left) - i - 1
            j += 1
    merged.extend(left[i:])
    merged.extend(right[j:])
    return merged, count
