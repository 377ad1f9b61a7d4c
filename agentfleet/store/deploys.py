"""What production ran: releases mapped to commits (once each), deploys declared by hand, and the events
verification reads (with their release) from the error tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import CursorResult, Index, String, select, update
from sqlalchemy.orm import Mapped, mapped_column

from agentfleet.contracts import utcnow
from agentfleet.ingest.tables import ErrorEventRow, ErrorReleaseRow
from agentfleet.store import Store
from agentfleet.store.base import Base
from agentfleet.store.upsert import insert_for

__all__ = ["DeploymentRow", "EventSeen", "ReleaseCommitRow", "declare", "declared", "events_since", "known_releases"]
__all__ += ["release_times", "remember_release", "sync_due"]


class ReleaseCommitRow(Base):
    """The commit a release names (``None``: it names none; reported once, looked up again now and then)."""

    __tablename__ = "release_commits"

    repo: Mapped[str] = mapped_column(String(64), primary_key=True)
    release: Mapped[str] = mapped_column(String(200), primary_key=True)
    commit: Mapped[str | None] = mapped_column(String(64), default=None)
    checked_at: Mapped[datetime] = mapped_column(default=utcnow)


class DeploymentRow(Base):
    """A commit a human (``agentfleet deployed``) said production runs from ``at`` on."""

    __tablename__ = "deployments"
    __table_args__ = (Index("ix_deployments_repo_at", "repo", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    repo: Mapped[str] = mapped_column(String(64))
    commit: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(200), default="")


class VerifyRepoRow(Base):
    """Per repo: when verification last asked the forge what humans merged."""

    __tablename__ = "verify_repos"

    repo: Mapped[str] = mapped_column(String(64), primary_key=True)
    synced_at: Mapped[datetime]


@dataclass(frozen=True)
class EventSeen:
    """One kept error event, as verification needs it."""

    fingerprint: str
    event_id: str
    received: datetime
    """When ingest accepted it (the fleet's clock, not the app's)."""
    release: str | None


def known_releases(store: Store, repo: str) -> dict[str, tuple[str | None, datetime]]:
    """Release → (commit or ``None``, when it was looked up) for every release of ``repo`` looked up so far."""
    query = select(ReleaseCommitRow).where(ReleaseCommitRow.repo == repo)
    with store.session() as session:
        return {row.release: (row.commit, row.checked_at) for row in session.scalars(query)}


def remember_release(store: Store, repo: str, release: str, commit: str | None) -> bool:
    """Record what ``release`` maps to; ``True`` when it was never looked up before."""
    now = utcnow()
    with store.session() as session:
        stmt = insert_for(session, ReleaseCommitRow.__table__).values(
            repo=repo, release=release, commit=commit, checked_at=now
        )
        stmt = stmt.on_conflict_do_nothing(index_elements=["repo", "release"]).returning(ReleaseCommitRow.repo)
        if session.execute(stmt).scalar_one_or_none() is not None:
            return True
        session.execute(
            update(ReleaseCommitRow)
            .where(ReleaseCommitRow.repo == repo, ReleaseCommitRow.release == release)
            .values(commit=commit, checked_at=now)
        )
        return False


def release_times(store: Store, repo: str, since: datetime, *, limit: int = 200) -> list[tuple[str, datetime]]:
    """``repo``'s releases first named by an event (ingest's clock) since ``since``, newest first."""
    query = (
        select(ErrorReleaseRow.release, ErrorReleaseRow.first_seen)
        .where(ErrorReleaseRow.repo == repo, ErrorReleaseRow.first_seen >= since)
        .order_by(ErrorReleaseRow.first_seen.desc())
        .limit(limit)
    )
    with store.session() as session:
        return [(release, at) for release, at in session.execute(query)]


def declare(store: Store, repo: str, commit: str, *, actor: str, at: datetime | None = None) -> int:
    """Record that production runs ``commit`` from ``at`` (default now); returns the row id."""
    row = DeploymentRow(repo=repo, commit=commit, at=at or utcnow(), actor=actor)
    with store.session() as session:
        session.add(row)
        session.flush()
        return row.id


def declared(store: Store, repo: str) -> list[tuple[str, datetime]]:
    """Deploys declared for ``repo``: (commit, from when), oldest first."""
    query = select(DeploymentRow.commit, DeploymentRow.at).where(DeploymentRow.repo == repo).order_by(DeploymentRow.at)
    with store.session() as session:
        return [(commit, at) for commit, at in session.execute(query)]


def events_since(store: Store, repo: str, since: datetime, *, limit: int = 5000) -> Sequence[EventSeen]:
    """Kept events of ``repo`` received since ``since``: the newest ``limit``, oldest first."""
    query = (
        select(
            ErrorEventRow.fingerprint,
            ErrorEventRow.event_id,
            ErrorEventRow.received,
            ErrorEventRow.payload["release"].as_string(),
        )
        .where(ErrorEventRow.repo == repo, ErrorEventRow.received >= since)
        .order_by(ErrorEventRow.id.desc())
        .limit(limit)
    )
    with store.session() as session:
        rows = [EventSeen(fp, event_id, at, release or None) for fp, event_id, at, release in session.execute(query)]
    return rows[::-1]


def sync_due(store: Store, repo: str, every_s: float, *, now: datetime | None = None) -> bool:
    """``True`` (and the time noted) when ``repo`` was not synced with its forge in the last ``every_s`` seconds."""
    now = now or utcnow()
    with store.session() as session:
        stmt = insert_for(session, VerifyRepoRow.__table__).values(repo=repo, synced_at=now)
        stmt = stmt.on_conflict_do_nothing(index_elements=["repo"]).returning(VerifyRepoRow.repo)
        if session.execute(stmt).scalar_one_or_none() is not None:
            return True
        moved: CursorResult[Any] = session.execute(  # type: ignore[assignment]
            update(VerifyRepoRow)
            .where(VerifyRepoRow.repo == repo, VerifyRepoRow.synced_at <= now - timedelta(seconds=every_s))
            .values(synced_at=now)
        )
        return moved.rowcount == 1
