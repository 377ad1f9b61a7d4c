"""Levenshtein distance."""

from functools import lru_cache


def edit_distance(a: str, b: str) -> int:
    """Fewest single-character insertions, deletions and substitutions turning ``a`` into ``b``."""

    @lru_cache(maxsize=None)
    def dist(i: int, j: int) -> int:
        if i == len(a):
            return len(b) - j
        if j == len(b):
            return len(a) - i
        if a[i] == b[j]:
            return dist(i + 1, j + 1)
        return 1 + min(dist(i + 1, j), dist(i, j + 1), dist(i + 1, j + 1))

    return dist(0, 0)
