"""Longest common substring by dynamic programming."""


def longest_common_substring(a: str, b: str) -> str:
    """The longest string that is a substring of both ``a`` and ``b`` (the first such in ``a``)."""
    best_len, best_end = 0, 0
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                table[i][j] = table[i - 1][j - 1] + 1
                if table[i][j] > best_len:
                    best_len, best_end = table[i][j], i
    return a[best_end - best_len : best_end]
