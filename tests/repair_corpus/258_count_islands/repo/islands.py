"""Count islands of 1s in a grid."""


def sink(grid: list[list[int]], r: int, c: int) -> None:
    """Turn the island containing (r, c) into water."""
    if r < 0 or c < 0 or r >= len(grid) or c >= len(grid[0]):
        return
    grid[r][c] = 0
    sink(grid, r + 1, c)
    sink(grid, r - 1, c)
    sink(grid, r, c + 1)
    sink(grid, r, c - 1)


def count_islands(grid: list[list[int]]) -> int:
    """How many 4-connected groups of 1s the grid holds (the grid is changed)."""
    count = 0
    for r in range(len(grid)):
        for c in range(len(grid[0])):
            if grid[r][c] == 1:
                count += 1
                sink(grid, r, c)
    return count
