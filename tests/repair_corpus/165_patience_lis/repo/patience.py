"""Length of the longest strictly increasing subsequence by patience sorting."""

import bisect


def lis_length(values: list[int]) -> int:
    """Length of the longest strictly increasing subsequence of ``values``."""
    tails: list[int] = []
    for x in values:
        i = bisect.bisect_right(tails, x)
        if i == len(tails):
            tails.append(x)
        else:
            tails[i] = x
    return len(tails)
