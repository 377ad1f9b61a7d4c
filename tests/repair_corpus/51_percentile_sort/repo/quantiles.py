"""Percentiles."""


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) by the nearest-rank method."""
    if not values:
        raise ValueError("no values")
    rank = max(1, round(q * len(values) + 0.5))
    return values[min(rank, len(values)) - 1]
