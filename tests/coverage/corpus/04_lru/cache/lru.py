"""A small least-recently-used cache with hit statistics."""

from __future__ import annotations

from collections import OrderedDict


class LRUCache:
    def __init__(self, capacity: int = 3) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[str, int] = OrderedDict()

    def get(self, key: str, default: int | None = None) -> int | None:
        if key in self._items:
            self._items.move_to_end(key)
            self.hits += 1
            return self._items[key]
        self.misses += 1
        return default

    def put(self, key: str, value: int) -> str | None:
        evicted = None
        if key in self._items:
            self._items.move_to_end(key)
        elif len(self._items) >= self.capacity:
            evicted, _ = self._items.popitem(last=False)
        self._items[key] = value
        return evicted

    def hit_ratio(self) -> float:
        total = self.hits + self.misses
        if total == 0:
            return 0.0
        return round(self.hits / total, 3)

    def resize(self, capacity: int) -> list[str]:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        dropped = []
        while len(self._items) > capacity:
            key, _ = self._items.popitem(last=False)
            dropped.append(key)
        self.capacity = capacity
        return dropped
