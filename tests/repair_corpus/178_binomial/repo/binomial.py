"""Binomial coefficients by Pascal's rule."""

from functools import cache


@cache
def choose(n: int, k: int) -> int:
    """The number of ``k``-element subsets of an ``n``-element set (0 <= k <= n)."""
    if k == 0:
        return 1
    return choose(n - 1, k - 1) + choose(n - 1, k)
