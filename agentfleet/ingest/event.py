"""``ErrorEvent``: one production error, normalised from whatever source sent it.

Everything in an event is untrusted text from a production app: it is stored and shown as data,
capped in size, and local variables (which may hold secrets) are never kept — except the numbers,
booleans and Nones of in-app frames, which let the investigation replay the crashing call.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from agentfleet.contracts import Frame, utcnow

__all__ = ["LEVELS", "Breadcrumb", "ErrorEvent", "level_rank"]

LEVELS = ("debug", "info", "warning", "error", "fatal")
"""Sentry levels, least severe first."""


def level_rank(level: str) -> int:
    """Position of ``level`` in ``LEVELS`` (unknown levels rank as ``error``)."""
    return LEVELS.index(level) if level in LEVELS else LEVELS.index("error")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Breadcrumb(_Model):
    """Something the app recorded shortly before the error (a log line, a request, a query)."""

    timestamp: datetime | None = None
    type: str = "default"
    category: str | None = None
    level: str | None = None
    message: str | None = None
    data: dict[str, Any] = Field(default_factory=dict)


class ErrorEvent(_Model):
    """One error event as agentfleet keeps it: enough to group, judge and investigate it."""

    event_id: str = Field(pattern=r"^[0-9a-f]{32}$")
    """32 lowercase hex characters, as Sentry SDKs generate them."""
    repo: str
    """The fleet repo the event belongs to (from the DSN key or the webhook URL)."""
    fingerprint: str
    """The group this event belongs to (see ``ingest.fingerprint``)."""
    timestamp: datetime
    """When the app saw the error (its clock)."""
    received: datetime = Field(default_factory=utcnow)
    """When ingest accepted it (our clock; windows count on this one)."""
    level: str = "error"
    exception_type: str = ""
    """Empty for message-only events."""
    exception_value: str = ""
    """The exception message (untrusted)."""
    message: str = ""
    """A log message, for events without an exception."""
    frames: tuple[Frame, ...] = ()
    """Innermost frame last."""
    handled: bool | None = None
    """``False`` when the exception was not caught by the app (it crashed a request or the process)."""
    release: str | None = None
    environment: str | None = None
    transaction: str | None = None
    platform: str | None = None
    server_name: str | None = None
    tags: dict[str, str] = Field(default_factory=dict)
    breadcrumbs: tuple[Breadcrumb, ...] = ()
    source: str = "sentry"
    """How it arrived: ``sentry`` (envelope/store), ``sentry-webhook`` or ``webhook``."""

    @property
    def title(self) -> str:
        """One line for humans: ``Type: message``."""
        head = self.exception_type or "Message"
        text = (self.exception_value or self.message).splitlines()[0] if (self.exception_value or self.message) else ""
        return f"{head}: {text}"[:300] if text else head[:300]

    @property
    def culprit(self) -> str:
        """``module.function`` of the innermost in-app frame (or innermost frame)."""
        app = [f for f in self.frames if f.in_app] or list(self.frames)
        if not app:
            return ""
        top = app[-1]
        return f"{top.module or top.filename}.{top.function}"
