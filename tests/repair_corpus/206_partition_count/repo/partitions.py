"""Counting integer partitions."""


def partitions(n: int, k: int) -> int:
    """How many ways to write ``n`` as a sum of positive integers each at most ``k`` (order ignored)."""
    if n == 0:
        return 1
    if n < 0 or k == 0:
        return 0
    return partitions(n - k, k - 1) + partitions(n, k - 1)
