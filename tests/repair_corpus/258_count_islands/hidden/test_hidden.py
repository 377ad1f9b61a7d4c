import random

from islands import count_islands


def _reference(grid):
    seen = set()
    n, m = len(grid), len(grid[0])
    count = 0
    for r in range(n):
        for c in range(m):
            if grid[r][c] == 1 and (r, c) not in seen:
                count += 1
                todo = [(r, c)]
                while todo:
                    a, b = todo.pop()
                    if (a, b) in seen or not (0 <= a < n and 0 <= b < m) or grid[a][b] == 0:
                        continue
                    seen.add((a, b))
                    todo += [(a + 1, b), (a - 1, b), (a, b + 1), (a, b - 1)]
    return count


def test_hidden_random_grids():
    rng = random.Random(258)
    for _ in range(60):
        n, m = rng.randint(1, 6), rng.randint(1, 6)
        grid = [[rng.randint(0, 1) for _ in range(m)] for _ in range(n)]
        want = _reference(grid)
        assert count_islands([row[:] for row in grid]) == want, grid
