"""The k-th permutation in lexicographic order."""

from math import factorial


def kth_permutation(items: list[int], k: int) -> list[int]:
    """The k-th (from 0) permutation of the sorted items in lexicographic order."""
    pool = sorted(items)
    out = []
    while pool:
        block = factorial(len(pool) - 1)
        index = k // block
        k = k % block
        out.append(pool.pop(index))
    return out
