"""All subsets of a list."""


def subsets(items: list[int]) -> list[list[int]]:
    """Every subset of ``items``, each keeping the items' order."""
    if not items:
        return [[]]
    first, rest = items[0], subsets(items[1:])
    return [[first] + subset for subset in rest]
