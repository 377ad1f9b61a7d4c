"""Search in a matrix whose rows and columns are sorted."""


def contains(m: list[list[int]], target: int) -> bool:
    """Whether ``target`` is in ``m`` (rows ascend left to right, columns top to bottom)."""
    if not m:
        return False
    r, c = 0, len(m[0]) - 1
    while r < len(m) and c >= 0:
        if m[r][c] == target:
            return True
        if m[r][c] > target:
            c -= 1
        else:
            r += 1
    return False
