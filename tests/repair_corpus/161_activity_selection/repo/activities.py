"""Interval scheduling: the most non-overlapping activities."""


def max_activities(intervals: list[tuple[int, int]]) -> int:
    """How many of the half-open ``(start, end)`` intervals can be chosen without two overlapping."""
    count = 0
    free_from = None
    for start, end in sorted(intervals, key=lambda iv: iv[0]):
        if free_from is None or start >= free_from:
            count += 1
            free_from = end
    return count
