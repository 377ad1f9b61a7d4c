"""Runs of equal values."""


def longest_run(values: list[int]) -> int:
    """Length of the longest run of equal consecutive values."""
    if not values:
        return 0
    best = run = 1
    for prev, cur in zip(values, values[1:]):
        run = run + 1 if cur == prev else 1
        best = max(best, run)
    return best
