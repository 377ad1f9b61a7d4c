"""Catalan numbers by their recurrence."""

from functools import cache


@cache
def catalan(n: int) -> int:
    """The ``n``-th Catalan number: 1, 1, 2, 5, 14, 42, ..."""
    if n <= 1:
        return 1
    return sum(catalan(i) * catalan(n - 1 - i) for i in range(n))
