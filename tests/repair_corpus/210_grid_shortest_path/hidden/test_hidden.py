import random
from collections import deque

from grid_path import shortest_path


def bfs(grid, start, goal):
    seen = {start: 0}
    q = deque([start])
    while q:
        r, c = q.popleft()
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < len(grid) and 0 <= nc < len(grid[0]) and grid[nr][nc] == "." and (nr, nc) not in seen:
                seen[(nr, nc)] = seen[(r, c)] + 1
                q.append((nr, nc))
    return seen.get(goal, -1)


def test_hidden_random():
    rng = random.Random(2)
    for _ in range(100):
        rows, cols = rng.randint(1, 5), rng.randint(1, 5)
        grid = ["".join(rng.choice("..#") for _ in range(cols)) for _ in range(rows)]
        grid[0] = "." + grid[0][1:]
        goal = (rng.randrange(rows), rng.randrange(cols))
        assert shortest_path(grid, (0, 0), goal) == bfs(grid, (0, 0), goal), (grid, goal)
