"""HTTP helpers for the OSV API and release indexes: one error policy, clear messages."""

from __future__ import annotations

from typing import Any

import httpx

from agentfleet.core.errors import PermanentError, TransientError

__all__ = ["checked"]

_RETRYABLE = {408, 425, 429, 500, 502, 503, 504}


def checked(client: httpx.Client, method: str, url: str, *, what: str, **kwargs: Any) -> httpx.Response | None:
    """``client.request(...)``; ``None`` on 404, ``TransientError`` when a retry may help, else ``PermanentError``."""
    try:
        response = client.request(method, url, **kwargs)
    except httpx.TransportError as exc:
        raise TransientError(f"{what}: cannot reach {url}: {exc}") from None
    if response.status_code == 404:
        return None
    if response.status_code in _RETRYABLE:
        raise TransientError(f"{what}: {url} answered {response.status_code}; will retry")
    if response.is_error:
        raise PermanentError(f"{what}: {url} answered {response.status_code}: {response.text[:200]}")
    return response
