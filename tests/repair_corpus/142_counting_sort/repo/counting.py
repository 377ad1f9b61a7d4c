"""Counting sort for small non-negative integers."""


def counting_sort(xs: list[int]) -> list[int]:
    """A sorted copy of ``xs`` (every item ``>= 0``)."""
    if not xs:
        return []
    counts = [0] * max(xs)
    for x in xs:
        counts[x] += 1
    out: list[int] = []
    for value, n in enumerate(counts):
        out.extend([value] * n)
    return out
