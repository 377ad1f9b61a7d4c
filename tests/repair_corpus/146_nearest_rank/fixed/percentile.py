"""Percentiles by the nearest-rank method."""

import math


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile (0 <= p <= 100) of non-empty ``values`` by nearest rank."""
    ordered = sorted(values)
    rank = math.ceil(p / 100 * len(ordered))
    return ordered[max(rank, 1) - 1]
