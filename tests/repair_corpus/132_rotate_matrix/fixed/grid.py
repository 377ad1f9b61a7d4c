"""Square matrix rotation."""


def rotate_clockwise(matrix: list[list[int]]) -> list[list[int]]:
    """The matrix turned a quarter clockwise (a new matrix)."""
    return [list(row) for row in zip(*reversed(matrix))]
