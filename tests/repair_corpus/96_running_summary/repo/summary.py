"""Streaming statistics."""

from __future__ import annotations


class Summary:
    """Count, mean, minimum and maximum of a stream of numbers, in constant memory."""

    def __init__(self) -> None:
        self.count = 0
        self.mean = 0.0
        self.low = float("inf")
        self.high = float("-inf")

    def add(self, x: float) -> None:
        self.mean += (x - self.mean) / max(self.count, 1)
        self.count += 1
        self.low = min(self.low, x)
        self.high = max(self.high, x)

    def as_dict(self) -> dict[str, float]:
        return {"count": self.count, "mean": round(self.mean, 6), "low": self.low, "high": self.high}
