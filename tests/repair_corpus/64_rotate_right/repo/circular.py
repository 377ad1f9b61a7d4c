"""Circular buffers."""


def rotate_right(items: list[int], k: int) -> list[int]:
    """``items`` rotated right by ``k`` places."""
    if not items:
        return []
    k %= len(items)
    if k == 0:
        return list(items)
    return items[-k:] + items[:k]
