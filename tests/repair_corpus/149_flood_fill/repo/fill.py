"""Flood fill on a grid."""


def flood_fill(grid: list[list[int]], r: int, c: int, colour: int) -> list[list[int]]:
    """A copy of ``grid`` with the 4-connected region of ``(r, c)`` painted ``colour``."""
    out = [row[:] for row in grid]
    old = out[r][c]
    if old == colour:
        return out
    stack = [(r, c)]
    while stack:
        y, x = stack.pop()
        if 0 <= y < len(out) and 0 <= x < len(out[0]) and out[y][x] == old:
            out[y][x] = colour
            stack.extend([(y + 1, x), (y - 1, x), (y, x + 1), (y, x + 1)])
    return out
