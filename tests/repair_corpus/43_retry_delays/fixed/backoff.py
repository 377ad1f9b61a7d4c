"""Retry backoff for the HTTP client."""


def delays(base: float, factor: float, retries: int, cap: float = 60.0) -> list[float]:
    """Wait before each retry: base, base*factor, base*factor**2, ... capped at ``cap``."""
    result = []
    delay = base
    for _ in range(retries):
        result.append(min(delay, cap))
        delay = delay * factor
    return result
