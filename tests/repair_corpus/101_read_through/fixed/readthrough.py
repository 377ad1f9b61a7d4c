"""A read-through cache in front of a loader."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class ReadThrough:
    def __init__(self, load: Callable[[str], Any]) -> None:
        self._load = load
        self._cache: dict[str, Any] = {}
        self.misses = 0

    def get(self, key: str, default: Any = None) -> Any:
        """The cached value of ``key``; loaded (and cached) on a miss; ``default`` when the loader has none."""
        if key in self._cache:
            return self._cache[key]
        self.misses += 1
        value = self._load(key)
        if value is None:
            return default
        self._cache[key] = value
        return value
