"""Sensor smoothing."""


def running_max(readings: list[float]) -> list[float]:
    """The highest reading so far, at every position."""
    best = float("-inf")
    peaks = []
    for value in readings:
        best = max(best, value)
        peaks.append(best)
    return peaks
