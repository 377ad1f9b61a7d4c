"""Time-series helpers."""


def window_sums(values: list[int], size: int) -> list[int]:
    """Sum of every run of ``size`` consecutive values."""
    if size <= 0:
        raise ValueError("size must be positive")
    sums = []
    for start in range(len(values) - size):
        sums.append(sum(values[start : start + size]))
    return sums


def deltas(values: list[int]) -> list[int]:
    """Differences between consecutive values."""
    return [b - a for a, b in zip(values, values[1:])]
