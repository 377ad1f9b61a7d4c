"""Provider API failures mapped onto agentfleet's error tree (both official SDKs share the shape)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

from agentfleet.core.errors import PermanentError, TransientError

__all__ = ["api_errors"]

_RETRYABLE = {408, 409, 429}


@contextmanager
def api_errors(sdk: ModuleType, provider: str, model: str) -> Iterator[None]:
    """Turn ``sdk``'s errors (raised once its own retries are spent) into Transient/PermanentError."""
    try:
        yield
    except sdk.APIConnectionError as exc:
        raise TransientError(f"{provider} API unreachable for model {model!r}: {exc}") from exc
    except sdk.APIStatusError as exc:
        status = exc.status_code
        what = f"{provider} API answered HTTP {status} for model {model!r}"
        if status in (401, 403):
            raise PermanentError(
                f"{what}: the API key was refused; check AGENTFLEET_MODEL__API_KEY (and AGENTFLEET_MODEL__BASE_URL)"
            ) from exc
        if status in _RETRYABLE or status >= 500:
            raise TransientError(
                f"{what} after the client's retries (AGENTFLEET_MODEL__MAX_RETRIES): {exc.message}"
            ) from exc
        hint = "check AGENTFLEET_MODEL__NAME" if status == 404 else "the request was refused"
        raise PermanentError(f"{what}: {exc.message} ({hint})") from exc
