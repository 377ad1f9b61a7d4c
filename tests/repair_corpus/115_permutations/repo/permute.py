"""All orderings of a list."""


def permutations(items: list[int]) -> list[list[int]]:
    """Every ordering of ``items``."""
    if not items:
        return []
    result = []
    for i, item in enumerate(items):
        for tail in permutations(items[:i] + items[i + 1 :]):
            result.append([item] + tail)
    return result
