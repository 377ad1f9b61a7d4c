"""k-combinations of a list, built recursively."""


def combinations(items: list[int], k: int) -> list[tuple[int, ...]]:
    """Every ``k``-item combination of ``items``, in lexicographic order of positions."""
    if k == 0:
        return [()]
    if k > len(items):
        return []
    head, rest = items[0], items[1:]
    with_head = [(head, *tail) for tail in combinations(rest, k - 1)]
    return with_head + combinations(rest, k)
