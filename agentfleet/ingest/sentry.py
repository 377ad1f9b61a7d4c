"""Turn a Sentry event payload (SDK envelope item, store body, or webhook ``data.event``) into an ``ErrorEvent``.

Sentry's protocol allows several shapes for the same thing (``exception`` as a list or as
``{"values": [...]}``, tags as a dict or as pairs, timestamps as numbers or RFC 3339 text); all
are accepted. Sizes are capped; local variables are dropped, but for numbers, booleans and Nones.
"""

from __future__ import annotations

import itertools
import keyword
import math
import re
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import orjson
from pydantic import ValidationError

from agentfleet.contracts import Frame, utcnow
from agentfleet.ingest.event import LEVELS, Breadcrumb, ErrorEvent
from agentfleet.ingest.fingerprint import fingerprint, is_in_app

__all__ = ["InvalidEvent", "from_sentry"]

MAX_FRAMES = 60
MAX_BREADCRUMBS = 100
MAX_SEEN = 256
"""Entries of one list or mapping (exception values, tags, a frame's vars) that are looked at: the work
per event is bounded whatever the payload holds."""
_TEXT = 2000
_SHORT = 200


class InvalidEvent(ValueError):
    """The payload is not an event we can read; the message says which field."""


_LEVEL_ALIASES = {"warn": "warning", "critical": "fatal", "exception": "error", "log": "info"}


def _render(value: Any) -> str:
    """A non-string value as text: numbers as themselves, containers as JSON (never a recursive repr)."""
    if isinstance(value, bool | int | float):
        return str(value)
    try:
        return orjson.dumps(value, default=str).decode()
    except orjson.JSONEncodeError:
        raise InvalidEvent("a value in the event is nested too deep; send flat tags and data") from None


def _text(value: Any, cap: int = _SHORT) -> str | None:
    """``value`` as text the store can hold: NUL characters removed, at most ``cap`` characters."""
    if value is None:
        return None
    text = value if isinstance(value, str) else _render(value)
    return text.replace("\x00", "")[:cap]


def _level(value: Any) -> str:
    """One of Sentry's levels (``critical`` → ``fatal``, ``warn`` → ``warning``); anything else is ``error``."""
    level = (_text(value, 16) or "error").strip().lower()
    level = _LEVEL_ALIASES.get(level, level)
    return level if level in LEVELS else "error"


def _values(container: Any, last: int = MAX_SEEN) -> list[Any]:
    """The last ``last`` entries of a Sentry list (``[...]`` or ``{"values": [...]}``)."""
    if isinstance(container, dict):
        container = container.get("values")
    return container[-last:] if isinstance(container, list) else []


def _when(value: Any) -> datetime | None:
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return datetime.fromtimestamp(value, UTC)
        if isinstance(value, str):
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except (ValueError, OverflowError, OSError):
        return None
    return None


_MAX_ARGUMENTS = 32
_NUMBER = re.compile(r"-?(\d{1,15}|\d{1,15}\.\d{1,15}([eE][-+]?\d{1,3})?)")
_CONSTANTS: dict[str, bool | None] = {"True": True, "False": False, "None": None}


def _plain(value: Any) -> tuple[bool, int | float | bool | None]:
    """Whether ``value`` (as the SDK serialised it: usually its ``repr``) is a number, boolean or None."""
    if value is None or isinstance(value, bool) or (isinstance(value, int | float) and abs(value) < 2**53):
        return True, value
    if isinstance(value, str) and value in _CONSTANTS:
        return True, _CONSTANTS[value]
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        number = float(value) if "." in value else int(value)
        return math.isfinite(number), number
    return False, None


def _arguments(raw: Any) -> dict[str, int | float | bool | None]:
    """The numbers, booleans and Nones among a frame's ``vars``; nothing else is kept (see ``Frame``).

    Sentry SDKs send locals as their ``repr``: ``12`` arrives as ``"12"``, the string ``"12"`` as
    ``"'12'"`` — so a quoted string never passes for a number.
    """
    if not isinstance(raw, dict):
        return {}
    kept: dict[str, int | float | bool | None] = {}
    for name, value in itertools.islice(raw.items(), MAX_SEEN):
        plain, parsed = _plain(value)
        if plain and isinstance(name, str) and name.isidentifier() and not keyword.iskeyword(name):
            kept[name] = parsed
            if len(kept) == _MAX_ARGUMENTS:
                break
    return kept


def _frame(raw: Any, include: Sequence[str]) -> Frame:
    if not isinstance(raw, dict):
        raise InvalidEvent("a stack frame is not an object")
    module, abs_path = _text(raw.get("module")), _text(raw.get("abs_path"), 500)
    lineno = raw.get("lineno")
    in_app = raw.get("in_app")
    in_app = in_app if isinstance(in_app, bool) else is_in_app(module, abs_path, include)
    return Frame(
        filename=_text(raw.get("filename"), 500) or abs_path or module or "?",
        function=_text(raw.get("function")) or "?",
        module=module,
        lineno=lineno if isinstance(lineno, int) and not isinstance(lineno, bool) and lineno >= 0 else None,
        in_app=in_app,
        context_line=_text(raw.get("context_line"), 500),
        abs_path=abs_path,
        arguments=_arguments(raw.get("vars")) if in_app else {},
    )


def _exception(payload: dict[str, Any]) -> dict[str, Any]:
    values = [v for v in _values(payload.get("exception")) if isinstance(v, dict)]
    return values[-1] if values else {}


def _tags(raw: Any) -> dict[str, str]:
    pairs = raw.items() if isinstance(raw, dict) else raw if isinstance(raw, list) else ()
    tags: dict[str, str] = {}
    for pair in itertools.islice(pairs, MAX_SEEN):
        if isinstance(pair, list | tuple) and len(pair) == 2 and pair[1] is not None and len(tags) < 100:
            tags[_text(pair[0]) or ""] = _text(pair[1]) or ""
    return tags


def _breadcrumb(raw: dict[str, Any]) -> Breadcrumb:
    data = raw.get("data")
    return Breadcrumb(
        timestamp=_when(raw.get("timestamp")),
        type=_text(raw.get("type")) or "default",
        category=_text(raw.get("category")),
        level=_text(raw.get("level")),
        message=_text(raw.get("message"), _TEXT),
        data={_text(k) or "": _text(v, _SHORT) for k, v in itertools.islice(data.items(), 20)}
        if isinstance(data, dict)
        else {},
    )


def _message(payload: dict[str, Any]) -> str:
    for key in ("logentry", "message"):
        value = payload.get(key)
        if isinstance(value, dict):
            value = value.get("formatted") or value.get("message")
        if isinstance(value, str) and value:
            return _text(value, _TEXT) or ""
    return ""


def _event_id(value: Any) -> str:
    text = value.replace("-", "").lower() if isinstance(value, str) else ""
    return text if len(text) == 32 and all(c in "0123456789abcdef" for c in text) else uuid.uuid4().hex


def from_sentry(payload: Any, *, repo: str, include: Sequence[str] = (), source: str = "sentry") -> ErrorEvent:
    """The ``ErrorEvent`` for one Sentry event ``payload``; ``InvalidEvent`` when it cannot be one."""
    if not isinstance(payload, dict):
        raise InvalidEvent("the event is not a JSON object")
    exc = _exception(payload)
    stack = exc.get("stacktrace") or payload.get("stacktrace") or {}
    raw_frames = stack.get("frames") if isinstance(stack, dict) else None
    mechanism = exc.get("mechanism")
    handled = mechanism.get("handled") if isinstance(mechanism, dict) else None
    try:
        frames = tuple(_frame(f, include) for f in (raw_frames if isinstance(raw_frames, list) else [])[-MAX_FRAMES:])
        exception_type = _text(exc.get("type")) or ""
        message = _message(payload)
        crumbs = [b for b in _values(payload.get("breadcrumbs"), MAX_BREADCRUMBS) if isinstance(b, dict)]
        return ErrorEvent(
            event_id=_event_id(payload.get("event_id")),
            repo=repo,
            fingerprint=fingerprint(exception_type, frames, message),
            timestamp=_when(payload.get("timestamp")) or utcnow(),
            level=_level(payload.get("level")),
            exception_type=exception_type,
            exception_value=_text(exc.get("value"), _TEXT) or "",
            message=message,
            frames=frames,
            handled=handled if isinstance(handled, bool) else None,
            release=_text(payload.get("release")),
            environment=_text(payload.get("environment")),
            transaction=_text(payload.get("transaction")),
            platform=_text(payload.get("platform")),
            server_name=_text(payload.get("server_name")),
            tags=_tags(payload.get("tags")),
            breadcrumbs=tuple(_breadcrumb(b) for b in crumbs),
            source=source,
        )
    except ValidationError as exc_info:
        first = exc_info.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InvalidEvent(f"event field {where}: {first['msg']}") from None
