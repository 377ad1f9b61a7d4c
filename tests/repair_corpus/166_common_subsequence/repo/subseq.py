"""A longest common subsequence of two strings, recursively with memoisation."""

from functools import cache


@cache
def lcs(a: str, b: str) -> str:
    """One longest string that is a subsequence of both ``a`` and ``b``."""
    if not a or not b:
        return ""
    if a[0] == b[0]:
        return a[0] + lcs(a[1:], b)
    return max(lcs(a, b[1:]), lcs(a[1:], b), key=len)
