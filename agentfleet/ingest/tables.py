"""Error tables: groups (one per repo × fingerprint), a sample of recent events, counts per time
bucket, releases as first seen, and the grouper's cursor in the ingest stream."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from agentfleet.store.base import Base

__all__ = ["ErrorCountRow", "ErrorCursorRow", "ErrorEventRow", "ErrorGroupRow", "ErrorReleaseRow"]


class ErrorGroupRow(Base):
    """Every event with the same fingerprint in one repo, summed up."""

    __tablename__ = "error_groups"
    __table_args__ = (UniqueConstraint("repo", "fingerprint"), Index("ix_error_groups_repo_last", "repo", "last_seen"))

    id: Mapped[int] = mapped_column(primary_key=True)
    repo: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(300))
    exception_type: Mapped[str] = mapped_column(String(200))
    exception_value: Mapped[str] = mapped_column(Text)
    """Latest message (untrusted)."""
    culprit: Mapped[str] = mapped_column(String(500))
    level: Mapped[str] = mapped_column(String(16))
    """The most severe level seen."""
    count: Mapped[int]
    unhandled_count: Mapped[int]
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    first_release: Mapped[str | None] = mapped_column(String(200))
    last_release: Mapped[str | None] = mapped_column(String(200))
    environments: Mapped[list[str]]
    """Environments seen (capped)."""
    transactions: Mapped[list[str]]
    """Transactions seen (capped)."""
    tags: Mapped[dict[str, Any]]
    """Tags of the latest event."""
    frames: Mapped[list[dict[str, Any]]]
    """Frames of the latest event, innermost last."""
    last_event_id: Mapped[str] = mapped_column(String(32))


class ErrorEventRow(Base):
    """One recent event of a group, whole (frames, breadcrumbs, tags); older ones are pruned."""

    __tablename__ = "error_events"
    __table_args__ = (
        Index("ix_error_events_group", "repo", "fingerprint", "id"),
        Index("ix_error_events_event", "repo", "event_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    repo: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(200))
    event_id: Mapped[str] = mapped_column(String(32))
    received: Mapped[datetime]
    payload: Mapped[dict[str, Any]]
    """The ``ErrorEvent`` as JSON."""


class ErrorCountRow(Base):
    """Events of one group received within one time bucket (frequency windows sum these)."""

    __tablename__ = "error_counts"

    repo: Mapped[str] = mapped_column(String(64), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(200), primary_key=True)
    bucket: Mapped[datetime] = mapped_column(primary_key=True)
    count: Mapped[int]


class ErrorReleaseRow(Base):
    """A release of a repo and when an event first named it (the newest is the latest release)."""

    __tablename__ = "error_releases"

    repo: Mapped[str] = mapped_column(String(64), primary_key=True)
    release: Mapped[str] = mapped_column(String(200), primary_key=True)
    first_seen: Mapped[datetime]


class ErrorCursorRow(Base):
    """The last stream entry the grouper has written, committed with the rows it produced."""

    __tablename__ = "error_cursor"

    stream: Mapped[str] = mapped_column(String(200), primary_key=True)
    last_id: Mapped[str] = mapped_column(String(64))
