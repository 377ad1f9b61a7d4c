"""Determinant by cofactor expansion."""


def determinant(m: list[list[int]]) -> int:
    """The determinant of the square matrix m."""
    n = len(m)
    if n == 0:
        return 1
    if n == 1:
        return m[0][0]
    total = 0
    for j in range(n):
        minor = [row[:j] + row[j + 1 :] for row in m[1:]]
        total += (-1) ** j * m[0][j] * determinant(minor)
    return total
