"""Small statistics helpers."""


def mean(values: list[float]) -> float:
    """Arithmetic mean of a non-empty list."""
    if not values:
        raise ValueError("mean of no values")
    total = sum(values)
    return total // len(values)


def spread(values: list[float]) -> float:
    """Largest minus smallest value."""
    return max(values) - min(values)
