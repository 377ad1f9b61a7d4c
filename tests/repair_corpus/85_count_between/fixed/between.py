"""Counting values in a range."""


def count_between(values: list[float], low: float, high: float) -> int:
    """How many values lie in the closed interval [low, high]."""
    return sum(1 for v in values if low <= v <= high)
