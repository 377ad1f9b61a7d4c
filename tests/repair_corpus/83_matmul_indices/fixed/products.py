"""Matrix products."""


def matmul(a: list[list[int]], b: list[list[int]]) -> list[list[int]]:
    """The product of an n x m and an m x p matrix."""
    rows, inner, cols = len(a), len(b), len(b[0])
    return [[sum(a[i][k] * b[k][j] for k in range(inner)) for j in range(cols)] for i in range(rows)]
