"""Work rows: the state that makes triage dedupe and stages idempotent.

A key is *claimed* when triage starts work on it. A claim succeeds for a new key, or for a key
whose last run finished longer ago than the cooldown; otherwise the sighting is only counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, CursorResult, and_, func, or_, select, update

from agentfleet.contracts import Job, WorkKind, utcnow
from agentfleet.store import Store
from agentfleet.store.models import WorkRow
from agentfleet.store.upsert import insert_for

__all__ = [
    "Claim",
    "claim",
    "finish",
    "hold",
    "count_by_state",
    "load_job",
    "resumable",
    "rows",
    "save_job",
    "started_since",
]

QUEUED, DONE, FAILED, HELD = "queued", "done", "failed", "held"


class Claim(StrEnum):
    """What triage got when it asked to start work on a key."""

    NEW = "new"
    """Start the work: the key is new, or recurs after its cooldown."""
    IN_FLIGHT = "in_flight"
    """Work on this key is queued or running; the sighting is counted."""
    COOLDOWN = "cooldown"
    """Work on this key finished within the cooldown; the sighting is counted."""


def claim(
    store: Store, job: Job, *, run_id: str, cooldown_s: int, stale_s: int, now: datetime | None = None
) -> tuple[Claim, int]:
    """Atomically claim ``job``'s key for monitor run ``run_id``; returns the claim and the run number.

    A key is claimable when it is new; when its last run finished before the cooldown; when the
    same monitor run claimed it before (a redelivered monitor task relaunches what it started);
    when a budget held it back last time; or when a queued run has not moved for ``stale_s``
    seconds (its chain was lost).
    """
    now = now or utcnow()
    item = job.item
    with store.session() as session:
        inserted: CursorResult[Any] = session.execute(  # type: ignore[assignment]
            insert_for(session, WorkRow.__table__)
            .values(
                key=item.key,
                repo=item.repo,
                kind=item.kind,
                fingerprint=item.fingerprint,
                state=QUEUED,
                job=job.model_dump(mode="json"),
                runs=1,
                claimed_by=run_id,
                created_at=now,
                updated_at=now,
            )
            .on_conflict_do_nothing(index_elements=["key"])
        )
        if inserted.rowcount == 1:
            return Claim.NEW, 1
        own = session.scalar(
            select(WorkRow.runs).where(WorkRow.key == item.key, WorkRow.state == QUEUED, WorkRow.claimed_by == run_id)
        )
        if own is not None:
            return Claim.NEW, int(own)
        rerun = session.execute(
            update(WorkRow)
            .where(
                WorkRow.key == item.key,
                or_(
                    and_(
                        WorkRow.state.in_((DONE, FAILED)),
                        WorkRow.finished_at <= now - timedelta(seconds=cooldown_s),
                    ),
                    _restartable(now, stale_s),
                ),
            )
            .values(
                state=QUEUED,
                runs=WorkRow.runs + 1,
                job=job.model_dump(mode="json"),
                claimed_by=run_id,
                created_at=now,
                updated_at=now,
                finished_at=None,
            )
            .returning(WorkRow.runs)
        ).scalar_one_or_none()
        if rerun is not None:
            return Claim.NEW, int(rerun)
        state = session.scalar(select(WorkRow.state).where(WorkRow.key == item.key))
        return (Claim.IN_FLIGHT if state == QUEUED else Claim.COOLDOWN), 0


def load_job(store: Store, key: str) -> Job | None:
    """The latest saved snapshot of the job for ``key``."""
    with store.session() as session:
        raw: dict[str, Any] | None = session.scalar(select(WorkRow.job).where(WorkRow.key == key))
    return Job.model_validate(raw) if raw is not None else None


def save_job(store: Store, job: Job) -> None:
    """Save ``job`` as the snapshot for its key (after each completed stage)."""
    with store.session() as session:
        session.execute(
            update(WorkRow)
            .where(WorkRow.key == job.key, WorkRow.runs == job.run)
            .values(job=job.model_dump(mode="json"), updated_at=utcnow())
        )


def finish(store: Store, job: Job, *, failed: bool = False) -> None:
    """Mark the run of ``job`` finished (done or failed); starts its cooldown."""
    now = utcnow()
    with store.session() as session:
        session.execute(
            update(WorkRow)
            .where(WorkRow.key == job.key, WorkRow.runs == job.run)
            .values(
                state=FAILED if failed else DONE,
                job=job.model_dump(mode="json"),
                updated_at=now,
                finished_at=now,
            )
        )


def hold(store: Store, job: Job) -> None:
    """Give back the claim of ``job``: a budget held it; the next monitor run may claim it again."""
    with store.session() as session:
        session.execute(
            update(WorkRow)
            .where(WorkRow.key == job.key, WorkRow.runs == job.run)
            .values(state=HELD, updated_at=utcnow())
        )


def _restartable(now: datetime, stale_s: int) -> ColumnElement[bool]:
    """Work to start again: held back by a budget, or queued but not moved for ``stale_s`` (its run was lost)."""
    lost = and_(WorkRow.state == QUEUED, WorkRow.updated_at <= now - timedelta(seconds=stale_s))
    return or_(WorkRow.state == HELD, lost)


def resumable(store: Store, repo: str, *, stale_s: int, now: datetime | None = None) -> list[Job]:
    """Jobs of ``repo`` to start again: held back by a budget, or queued but not moved for ``stale_s``."""
    now = now or utcnow()
    query = select(WorkRow.job).where(WorkRow.repo == repo, _restartable(now, stale_s))
    with store.session() as session:
        return [Job.model_validate(raw) for raw in session.scalars(query)]


def started_since(store: Store, repo: str, since: datetime, *, exclude: tuple[WorkKind, ...] = ()) -> int:
    """How many runs started on ``repo`` since ``since`` (rate limits)."""
    query = (
        select(func.count())
        .select_from(WorkRow)
        .where(WorkRow.repo == repo, WorkRow.created_at >= since, WorkRow.state != HELD)
    )
    if exclude:
        query = query.where(WorkRow.kind.not_in([k.value for k in exclude]))
    with store.session() as session:
        return int(session.scalar(query) or 0)


def count_by_state(store: Store) -> dict[str, int]:
    """How many work rows are in each state."""
    with store.session() as session:
        return {
            state: int(n) for state, n in session.execute(select(WorkRow.state, func.count()).group_by(WorkRow.state))
        }


def rows(store: Store, *, repo: str | None = None, state: str | None = None, limit: int = 50) -> Sequence[WorkRow]:
    """Work rows, most recently updated first."""
    query = select(WorkRow).order_by(WorkRow.updated_at.desc()).limit(limit)
    if repo:
        query = query.where(WorkRow.repo == repo)
    if state:
        query = query.where(WorkRow.state == state)
    with store.session() as session:
        return session.scalars(query).all()
