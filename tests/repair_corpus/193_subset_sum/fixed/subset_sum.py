"""Subset sum by dynamic programming over reachable totals."""


def can_sum(values: list[int], target: int) -> bool:
    """True when some subset of the positive ``values`` (each used at most once) adds up to ``target``."""
    reachable = [True] + [False] * target
    for v in values:
        for total in range(target, v - 1, -1):
            if reachable[total - v]:
                reachable[total] = True
    return reachable[target]
