"""Matrices as lists of rows."""


def transpose(matrix: list[list[int]]) -> list[list[int]]:
    """Rows become columns."""
    if not matrix:
        return []
    rows, cols = len(matrix), len(matrix[0])
    return [[matrix[r][c] for r in range(rows)] for c in range(rows)]
