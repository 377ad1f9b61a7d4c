"""Pascal's triangle."""


def pascal(n: int) -> list[list[int]]:
    """The first ``n`` rows of Pascal's triangle."""
    rows = []
    for r in range(n):
        row = [1] * (r + 1)
        for c in range(1, r):
            row[c] = rows[r - 1][c - 1] + rows[r - 1][c]
        rows.append(row)
    return rows
