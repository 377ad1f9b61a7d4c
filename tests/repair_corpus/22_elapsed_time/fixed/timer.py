"""A stopwatch."""


class Stopwatch:
    def __init__(self) -> None:
        self.laps: list[tuple[float, float]] = []

    def record(self, start: float, end: float) -> None:
        """Store one lap."""
        if end < start:
            raise ValueError("lap ends before it starts")
        self.laps.append((start, end))

    def elapsed(self) -> float:
        """Total time over all laps."""
        total = 0.0
        for start, end in self.laps:
            total += end - start
        return total
