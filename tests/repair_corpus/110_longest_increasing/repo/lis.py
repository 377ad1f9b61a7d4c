"""Longest strictly increasing subsequence."""


def longest_increasing(xs: list[int]) -> int:
    """Length of the longest strictly increasing subsequence of ``xs``."""
    if not xs:
        return 0
    best = [1] * len(xs)
    for i in range(len(xs)):
        for j in range(i):
            if xs[j] < xs[i]:
                best[i] = max(best[i], best[j])
    return max(best)
