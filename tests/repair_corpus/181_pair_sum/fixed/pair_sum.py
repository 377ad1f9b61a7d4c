"""Two indices of a sorted list whose items sum to a target."""


def pair_with_sum(items: list[int], target: int) -> tuple[int, int] | None:
    """Indices ``(i, j)``, ``i < j``, with ``items[i] + items[j] == target`` in sorted ``items``, or None."""
    lo, hi = 0, len(items) - 1
    while lo < hi:
        total = items[lo] + items[hi]
        if total == target:
            return lo, hi
        if total < target:
            lo += 1
        else:
            hi -= 1
    return None
