"""Longest palindromic subsequence."""


def longest_palindromic_subsequence(text: str) -> int:
    """The length of the longest subsequence of text that reads the same both ways."""
    n = len(text)
    if n == 0:
        return 0
    table = [[0] * n for _ in range(n)]
    for i in range(n - 1, -1, -1):
        table[i][i] = 0
        for j in range(i + 1, n):
            if text[i] == text[j]:
                table[i][j] = table[i + 1][j - 1] + 2
            else:
                table[i][j] = max(table[i + 1][j], table[i][j - 1])
    return table[0][n - 1]
