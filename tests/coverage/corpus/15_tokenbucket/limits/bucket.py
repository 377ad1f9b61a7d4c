"""A token-bucket rate limiter with an injected clock (seconds as floats)."""

from __future__ import annotations


class TokenBucket:
    def __init__(self, rate: float = 1.0, burst: int = 5, now: float = 0.0) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        if burst < 1:
            raise ValueError("burst must be at least 1")
        self.rate = rate
        self.burst = burst
        self.tokens = float(burst)
        self.updated = now

    def _refill(self, now: float) -> None:
        if now < self.updated:
            raise ValueError("the clock went backwards")
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now

    def allow(self, now: float, cost: int = 1) -> bool:
        self._refill(now)
        if cost > self.burst:
            return False
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        return False

    def wait_time(self, now: float, cost: int = 1) -> float:
        self._refill(now)
        if self.tokens >= cost:
            return 0.0
        return round((cost - self.tokens) / self.rate, 3)
