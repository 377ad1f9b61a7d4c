"""Progress bars."""


def clamp_percent(values: list[float]) -> list[float]:
    """Every value limited to the range 0..100."""
    return [min(0.0, max(100.0, v)) for v in values]


def bar(percent: float, width: int = 10) -> str:
    """A text bar ``width`` characters wide."""
    filled = round(clamp_percent([percent])[0] / 100 * width)
    return "#" * filled + "." * (width - filled)
