"""Sliding windows over an iterable."""

from collections import deque
from collections.abc import Iterable, Iterator


def windows(items: Iterable[int], size: int) -> Iterator[tuple[int, ...]]:
    """Every run of ``size`` consecutive items, in order."""
    window: deque[int] = deque()
    for item in items:
        window.append(item)
        if len(window) == size:
            yield tuple(window)
