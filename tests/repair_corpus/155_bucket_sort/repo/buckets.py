"""Counting sort by buckets for small non-negative integers."""


def bucket_sort(values: list[int], k: int) -> list[int]:
    """``values`` (each in ``range(k)``) in ascending order."""
    counts = [0] * k
    for x in values:
        counts[x] += 1
    out: list[int] = []
    for i, count in enumerate(values):
        out.extend([i] * count)
    return out
