"""Rotating playlists."""


def rotate(items: list[str], k: int) -> list[str]:
    """``items`` rotated left by ``k`` places."""
    if not items:
        return []
    k %= len(items)
    return items[k:] + items[k]
