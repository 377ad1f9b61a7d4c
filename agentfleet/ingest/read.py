"""Read API over stored error groups and events (the ``errors`` MCP server and the monitor use it).

Plain functions taking a ``Store``; every text field is untrusted data from a production app.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select

from agentfleet.contracts import Frame
from agentfleet.ingest.event import ErrorEvent
from agentfleet.ingest.tables import ErrorCountRow, ErrorEventRow, ErrorGroupRow, ErrorReleaseRow
from agentfleet.store import Store

__all__ = [
    "ErrorGroup",
    "count_since",
    "get_event",
    "get_group",
    "releases",
    "list_events",
    "list_groups",
]


class ErrorGroup(BaseModel):
    """Every event with one fingerprint in one repo, summed up."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    repo: str
    fingerprint: str
    title: str
    exception_type: str
    exception_value: str
    culprit: str
    """``module.function`` of the innermost in-app frame."""
    level: str
    """The most severe level seen."""
    count: int
    unhandled_count: int
    first_seen: datetime
    last_seen: datetime
    first_release: str | None
    last_release: str | None
    environments: tuple[str, ...]
    transactions: tuple[str, ...]
    tags: dict[str, str]
    """Tags of the latest event."""
    frames: tuple[Frame, ...]
    """Frames of the latest event, innermost last."""
    last_event_id: str


def _group(row: ErrorGroupRow) -> ErrorGroup:
    return ErrorGroup(
        repo=row.repo,
        fingerprint=row.fingerprint,
        title=row.title,
        exception_type=row.exception_type,
        exception_value=row.exception_value,
        culprit=row.culprit,
        level=row.level,
        count=row.count,
        unhandled_count=row.unhandled_count,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        first_release=row.first_release,
        last_release=row.last_release,
        environments=tuple(row.environments),
        transactions=tuple(row.transactions),
        tags=row.tags,
        frames=tuple(Frame.model_validate(f) for f in row.frames),
        last_event_id=row.last_event_id,
    )


def list_groups(
    store: Store, repo: str, *, limit: int = 50, since: datetime | None = None, fingerprints: list[str] | None = None
) -> list[ErrorGroup]:
    """Groups of ``repo``, most recently seen first; only those seen since ``since`` when given."""
    query = select(ErrorGroupRow).where(ErrorGroupRow.repo == repo)
    if since is not None:
        query = query.where(ErrorGroupRow.last_seen >= since)
    if fingerprints is not None:
        query = query.where(ErrorGroupRow.fingerprint.in_(fingerprints))
    query = query.order_by(ErrorGroupRow.last_seen.desc(), ErrorGroupRow.id.desc()).limit(limit)
    with store.session() as session:
        return [_group(row) for row in session.scalars(query)]


def get_group(store: Store, repo: str, fingerprint: str) -> ErrorGroup | None:
    """The group ``fingerprint`` of ``repo``, if any event of it was recorded."""
    found = list_groups(store, repo, limit=1, fingerprints=[fingerprint])
    return found[0] if found else None


def list_events(store: Store, repo: str, fingerprint: str, *, limit: int = 20) -> list[ErrorEvent]:
    """The newest kept events of a group, newest first (with frames and breadcrumbs)."""
    query = (
        select(ErrorEventRow.payload)
        .where(ErrorEventRow.repo == repo, ErrorEventRow.fingerprint == fingerprint)
        .order_by(ErrorEventRow.id.desc())
        .limit(limit)
    )
    with store.session() as session:
        payloads: list[dict[str, Any]] = list(session.scalars(query))
    return [ErrorEvent.model_validate(p) for p in payloads]


def get_event(store: Store, repo: str, event_id: str) -> ErrorEvent | None:
    """One kept event of ``repo`` by its id, with stack trace and breadcrumbs."""
    query = (
        select(ErrorEventRow.payload)
        .where(ErrorEventRow.repo == repo, ErrorEventRow.event_id == event_id.replace("-", "").lower())
        .order_by(ErrorEventRow.id.desc())
        .limit(1)
    )
    with store.session() as session:
        payload = session.scalar(query)
    return ErrorEvent.model_validate(payload) if payload is not None else None


def count_since(store: Store, repo: str, fingerprint: str, since: datetime) -> int:
    """Events of a group received since ``since`` (to the resolution of the count buckets)."""
    query = select(func.coalesce(func.sum(ErrorCountRow.count), 0)).where(
        ErrorCountRow.repo == repo, ErrorCountRow.fingerprint == fingerprint, ErrorCountRow.bucket >= since
    )
    with store.session() as session:
        return int(session.scalar(query) or 0)


def releases(store: Store, repo: str, *, limit: int = 10) -> list[str]:
    """Releases of ``repo`` by when their first event arrived, newest first (the first is the latest)."""
    query = (
        select(ErrorReleaseRow.release)
        .where(ErrorReleaseRow.repo == repo)
        .order_by(ErrorReleaseRow.first_seen.desc(), ErrorReleaseRow.release.desc())
        .limit(limit)
    )
    with store.session() as session:
        return list(session.scalars(query))
