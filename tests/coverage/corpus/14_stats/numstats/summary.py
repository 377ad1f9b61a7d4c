"""Descriptive statistics on lists of numbers."""

from __future__ import annotations


def mean(values: list[float]) -> float:
    if not values:
        raise ValueError("mean of an empty list")
    return sum(values) / len(values)


def median(values: list[float]) -> float:
    if not values:
        raise ValueError("median of an empty list")
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: list[float], q: float) -> float:
    if not 0 <= q <= 100:
        raise ValueError("q must be between 0 and 100")
    ordered = sorted(values)
    if not ordered:
        raise ValueError("percentile of an empty list")
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def variance(values: list[float], sample: bool = True) -> float:
    n = len(values)
    if n < 2 and sample:
        raise ValueError("sample variance needs at least two values")
    if n == 0:
        raise ValueError("variance of an empty list")
    m = mean(values)
    return sum((v - m) ** 2 for v in values) / (n - 1 if sample else n)


def histogram(values: list[float], bins: int) -> list[int]:
    if bins < 1:
        raise ValueError("bins must be positive")
    if not values:
        return [0] * bins
    low, high = min(values), max(values)
    width = (high - low) / bins or 1
    counts = [0] * bins
    for v in values:
        index = min(int((v - low) / width), bins - 1)
        counts[index] += 1
    return counts
