"""Compact number ranges."""


def _span(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}-{end}"


def compress(numbers: list[int]) -> str:
    """Sorted integers as compact ranges: [1, 2, 3, 5] -> "1-3,5"."""
    parts = []
    start = prev = numbers[0]
    for n in numbers[1:]:
        if n == prev + 1:
            prev = n
            continue
        parts.append(_span(start, prev))
        start = prev = n
    parts.append(_span(start, prev))
    return ",".join(parts)
