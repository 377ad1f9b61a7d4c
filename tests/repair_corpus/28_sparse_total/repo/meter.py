"""Energy meter."""


def total(samples: list[float | None]) -> float:
    """Sum of the samples that were recorded (None marks a missing one)."""
    result = 0.0
    for sample in samples:
        result += sample
    return result


def recorded(samples: list[float | None]) -> int:
    """How many samples were recorded."""
    return sum(1 for s in samples if s is not None)
