"""Median."""


def median(values: list[float]) -> float:
    """Middle value (mean of the two middle values for even counts)."""
    n = len(values)
    if n == 0:
        raise ValueError("median of nothing")
    mid = n // 2
    if n % 2:
        return values[mid]
    return (values[mid - 1] + values[mid]) / 2
