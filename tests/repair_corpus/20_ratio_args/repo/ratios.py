"""Ratios for the dashboard."""


def divide(numerator: float, denominator: float) -> float:
    """numerator / denominator, 0 when the denominator is 0."""
    if denominator == 0:
        return 0.0
    return numerator / denominator


def share(part: float, whole: float) -> float:
    """Fraction of ``whole`` that ``part`` is."""
    return divide(whole, part)


def percent(part: float, whole: float) -> float:
    """Percentage, rounded to one decimal."""
    return round(share(part, whole) * 100, 1)
