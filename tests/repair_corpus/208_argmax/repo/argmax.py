"""Position of the largest value."""


def argmax(values: list[float]) -> int:
    """The index of the largest value (the first one on ties); ``values`` is non-empty."""
    best_i = 0
    for i in range(1, len(values)):
        if values[i] > values[best_i]:
            best_i = i
    return values[best_i]
