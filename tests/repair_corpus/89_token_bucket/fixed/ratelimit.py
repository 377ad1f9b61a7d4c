"""Rate limiting with a token bucket."""

from __future__ import annotations


class TokenBucket:
    """``rate`` tokens per second, at most ``capacity`` stored; time comes from the caller."""

    def __init__(self, rate: float, capacity: float, now: float = 0.0) -> None:
        self.rate = rate
        self.capacity = capacity
        self.tokens = capacity
        self.updated = now

    def _refill(self, now: float) -> None:
        elapsed = max(0.0, now - self.updated)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.rate)
        self.updated = now

    def allow(self, now: float, cost: float = 1.0) -> bool:
        """Take ``cost`` tokens if there are enough."""
        self._refill(now)
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        return False
