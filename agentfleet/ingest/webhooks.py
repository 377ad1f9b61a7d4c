"""Webhook bodies: Sentry issue alerts (an existing Sentry forwards its events) and a generic JSON error.

Both become the same Sentry-shaped payload, so one normaliser (``ingest.sentry``) serves every source.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["SENTRY_EVENT_RESOURCES", "GenericError", "GenericFrame", "sentry_hook_event"]

SENTRY_EVENT_RESOURCES = ("event_alert", "error")
"""``Sentry-Hook-Resource`` values whose body carries an event; other resources are acknowledged only."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class GenericFrame(_Strict):
    """One stack frame, innermost last."""

    filename: str = Field(max_length=500)
    function: str = Field(default="?", max_length=200)
    module: str | None = Field(default=None, max_length=200)
    lineno: int | None = Field(default=None, ge=0)
    in_app: bool | None = None
    context_line: str | None = Field(default=None, max_length=500)
    abs_path: str | None = Field(default=None, max_length=500)


class GenericError(_Strict):
    """``POST /hooks/generic/<repo>``: one error from any source that is not a Sentry SDK."""

    exception_type: str = Field(min_length=1, max_length=200)
    """E.g. ``KeyError``."""
    message: str = Field(default="", max_length=2000)
    frames: list[GenericFrame] = Field(default_factory=list, max_length=200)
    level: Literal["debug", "info", "warning", "error", "fatal"] = "error"
    handled: bool | None = None
    """``false`` when the error escaped the app's own handling."""
    release: str | None = Field(default=None, max_length=200)
    environment: str | None = Field(default=None, max_length=200)
    transaction: str | None = Field(default=None, max_length=200)
    tags: dict[str, str] = Field(default_factory=dict, max_length=100)
    timestamp: datetime | None = None
    event_id: str | None = Field(default=None, pattern=r"^[0-9a-fA-F-]{32,36}$")

    def to_sentry(self) -> dict[str, Any]:
        """The same error in Sentry's event shape."""
        payload: dict[str, Any] = self.model_dump(
            mode="json", include={"level", "release", "environment", "transaction", "tags", "event_id", "timestamp"}
        )
        payload["exception"] = {
            "values": [
                {
                    "type": self.exception_type,
                    "value": self.message,
                    "mechanism": {"type": "webhook", "handled": self.handled},
                    "stacktrace": {"frames": [f.model_dump(mode="json") for f in self.frames]},
                }
            ]
        }
        return payload


def sentry_hook_event(body: dict[str, Any], resource: str) -> dict[str, Any] | None:
    """The event inside a Sentry integration webhook body, or ``None`` when this resource carries none."""
    if resource not in SENTRY_EVENT_RESOURCES:
        return None
    data = body.get("data")
    event = data.get("event") or data.get("error") if isinstance(data, dict) else None
    return event if isinstance(event, dict) else None
