"""Retry policies."""

from __future__ import annotations


class RetryPolicy:
    """Retry ``retry_on`` errors, at most ``max_attempts`` attempts in all."""

    def __init__(self, max_attempts: int = 3, retry_on: tuple[type[BaseException], ...] = (TimeoutError,)) -> None:
        self.max_attempts = max_attempts
        self.retry_on = retry_on

    def should_retry(self, attempt: int, error: BaseException) -> bool:
        """Whether attempt number ``attempt`` (from 1) that raised ``error`` gets another try."""
        return attempt < self.max_attempts and isinstance(error, self.retry_on)

    def delay(self, attempt: int) -> float:
        return min(30.0, 0.5 * 2 ** (attempt - 1))
