"""Ways to climb a staircase taking one or two steps at a time."""

from functools import cache


@cache
def stair_ways(n: int) -> int:
    """The number of ordered ways to climb ``n`` stairs in steps of 1 and 2."""
    if n < 0:
        return 0
    if n == 0:
        return 1
    return stair_ways(n - 1) + stair_ways(n - 2)
