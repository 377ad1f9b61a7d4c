"""Shortest path in a grid by breadth-first search."""

from collections import deque


def shortest_path(grid: list[str], start: tuple[int, int], goal: tuple[int, int]) -> int:
    """Fewest steps from ``start`` to ``goal`` (row, column) through ``.`` cells of ``grid``, or -1."""
    rows, cols = len(grid), len(grid[0])
    dist = {start: 0}
    queue = deque([start])
    while queue:
        r, c = queue.popleft()
        if (r, c) == goal:
            return dist[(r, c)]
        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nr, nc = r + dr, c + dc
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] == "." and (nr, nc) not in dist:
                dist[(nr, nc)] = dist[(r, c)] + 1
                queue.append((nr, nc))
    return -1
