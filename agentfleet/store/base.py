"""Declarative base and column helpers shared by every table; the store's busy errors as ``TransientError``."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import JSON, DateTime, TypeDecorator
from sqlalchemy.engine import Dialect, ExceptionContext
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase

from agentfleet.core.errors import TransientError

__all__ = ["Base", "UTCDateTime", "JSON", "busy_is_transient", "json_text", "transient"]

_SQLITE_BUSY = ("database is locked", "database table is locked", "database is busy")
_PG_BUSY = {"55P03": "a lock was not granted in time", "40P01": "deadlock", "40001": "serialization failure"}
"""PostgreSQL SQLSTATEs that a later attempt may not meet: lock_not_available, deadlock_detected,
serialization_failure."""


def json_text(value: Any) -> str:
    """A JSON column's text (the engines' ``json_serializer``): orjson, at a tenth of ``json.dumps``' time
    (every stage writes a few ledger rows); ``json.dumps`` for what orjson refuses (an int past 64 bits)."""
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:  # orjson.JSONEncodeError: let json.dumps write it or say why it cannot
        return json.dumps(value)


def transient(error: BaseException | None) -> TransientError | None:
    """The ``TransientError`` that SQLAlchemy's ``error`` means when the store was busy (SQLite locked past its
    busy timeout, a PostgreSQL lock timeout, deadlock or serialization failure), else ``None``."""
    if not isinstance(error, OperationalError):
        return None
    cause = error.orig
    text = str(cause).lower()
    why = next((s for s in _SQLITE_BUSY if s in text), None) or _PG_BUSY.get(str(getattr(cause, "sqlstate", "")))
    if why is None:
        return None
    return TransientError(
        f"the store is busy ({why}): another connection held a lock longer than this one waits; "
        "retrying later. If it keeps happening, look for a long transaction or raise the wait "
        "(SQLite: ?timeout=<seconds> on the database URL, default 30)"
    )


def busy_is_transient(context: ExceptionContext) -> None:
    """``handle_error`` listener: the store being busy is raised as ``TransientError`` (``transient``), which
    tasks retry, instead of a failure no retry is attempted for."""
    busy = transient(context.sqlalchemy_exception)
    if busy is not None:
        raise busy from context.sqlalchemy_exception


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use agentfleet.contracts.utcnow()")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Base of all agentfleet tables."""

    type_annotation_map: dict[Any, Any] = {
        datetime: UTCDateTime,
        dict[str, Any]: JSON,
        list[str]: JSON,
        list[dict[str, Any]]: JSON,
    }
