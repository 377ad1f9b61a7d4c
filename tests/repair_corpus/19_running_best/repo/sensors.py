"""Sensor readings."""


def peak(readings: list[float]) -> float:
    """The highest reading."""
    best = readings[0]
    for i, value in enumerate(readings):
        if value > best:
            best = i
    return best


def count_above(readings: list[float], limit: float) -> int:
    """How many readings exceed ``limit``."""
    return sum(1 for r in readings if r > limit)
