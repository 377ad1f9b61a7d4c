"""Small dense matrices as lists of rows."""

from __future__ import annotations

Matrix = list[list[float]]


def shape(m: Matrix) -> tuple[int, int]:
    if not m:
        return (0, 0)
    width = len(m[0])
    if any(len(row) != width for row in m):
        raise ValueError("ragged matrix")
    return (len(m), width)


def transpose(m: Matrix) -> Matrix:
    rows, cols = shape(m)
    return [[m[r][c] for r in range(rows)] for c in range(cols)]


def multiply(a: Matrix, b: Matrix) -> Matrix:
    (n, k), (k2, p) = shape(a), shape(b)
    if k != k2:
        raise ValueError(f"cannot multiply {n}x{k} by {k2}x{p}")
    return [[sum(a[i][x] * b[x][j] for x in range(k)) for j in range(p)] for i in range(n)]


def determinant(m: Matrix) -> float:
    rows, cols = shape(m)
    if rows != cols:
        raise ValueError("determinant of a non-square matrix")
    if rows == 0:
        return 1.0
    if rows == 1:
        return m[0][0]
    if rows == 2:
        return m[0][0] * m[1][1] - m[0][1] * m[1][0]
    total = 0.0
    for c in range(cols):
        minor = [row[:c] + row[c + 1 :] for row in m[1:]]
        total += (-1) ** c * m[0][c] * determinant(minor)
    return total


def identity(size: int) -> Matrix:
    if size < 0:
        raise ValueError("size must not be negative")
    return [[1.0 if r == c else 0.0 for c in range(size)] for r in range(size)]
