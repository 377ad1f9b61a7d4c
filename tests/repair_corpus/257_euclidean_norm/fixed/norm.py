"""Length of a vector."""

import math


def norm(vector: list[float]) -> float:
    """The Euclidean length of vector."""
    total = 0.0
    for x in vector:
        total += x * x
    return math.sqrt(total)
