"""Order statistics."""


def kth_largest(values: list[int], k: int) -> int:
    """The ``k``-th largest value (k = 1 is the maximum)."""
    if not 1 <= k <= len(values):
        raise ValueError(f"k out of range: {k}")
    return sorted(values)[k - 1]
