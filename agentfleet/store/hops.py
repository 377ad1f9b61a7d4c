"""The stage runner's store path: two short transactions per stage, of Core statements built once.

The first reads the key's job snapshot and appends the row that says what this delivery of the stage
does (``started``, ``duplicate``, …); the second saves what the stage produced as the snapshot (or ends
the run) together with the stage's outcome row and the rows it noted on the way. This runs on every
hop of every job, so it skips the ORM; everything else in ``store/`` uses it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, select, text, update

from agentfleet.contracts import Job, utcnow
from agentfleet.store import Store
from agentfleet.store.models import WorkRow
from agentfleet.store.work import DONE, FAILED

__all__ = ["Snapshot", "end_run", "no_flush", "read", "save", "transaction"]


@dataclass(frozen=True)
class Snapshot:
    """A key's saved job, its current run and its state."""

    job: Job
    """The job as its completed stages left it; ``job.run`` is the key's current run."""
    state: str


_WHERE = (WorkRow.key == bindparam("b_key"), WorkRow.runs == bindparam("b_run"))
_READ = select(WorkRow.job, WorkRow.runs, WorkRow.state).where(WorkRow.key == bindparam("b_key"))
_SAVE = update(WorkRow).where(*_WHERE).values(job=bindparam("job"), updated_at=bindparam("now"))
_FINISH = (
    update(WorkRow)
    .where(*_WHERE)
    .values(job=bindparam("job"), state=bindparam("state"), updated_at=bindparam("now"), finished_at=bindparam("now"))
)
_FAIL = update(WorkRow).where(*_WHERE).values(state=FAILED, updated_at=bindparam("now"), finished_at=bindparam("now"))
_NO_FLUSH = text("SET LOCAL synchronous_commit TO OFF")


@contextmanager
def transaction(store: Store) -> Iterator[Connection]:
    """A transaction on a pooled connection; committed when the block ends, rolled back on error."""
    with store.engine.begin() as conn:
        yield conn


def no_flush(conn: Connection) -> None:
    """Let this transaction's commit return before its WAL reaches the disk (PostgreSQL; SQLite never waits).

    For rows that only matter once the stage records more: the next commit that waits for its flush
    (the stage's outcome) makes them durable too, since the WAL is flushed in order. A database crash
    in between loses only rows of a stage that could then record nothing else either.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(_NO_FLUSH)


def read(conn: Connection, key: str) -> Snapshot | None:
    """The snapshot of ``key``, or ``None`` when no work row has that key."""
    found = conn.execute(_READ, {"b_key": key}).first()
    if found is None:
        return None
    raw, runs, state = found
    return Snapshot(job=Job.model_validate({**raw, "run": runs}), state=state)


def save(conn: Connection, job: Job, *, last: bool) -> None:
    """Save ``job`` as its key's snapshot (of its run only); ``last``: the run is done."""
    params: dict[str, Any] = {"b_key": job.key, "b_run": job.run, "job": job.model_dump(mode="json"), "now": utcnow()}
    if last:
        conn.execute(_FINISH, {**params, "state": DONE})
    else:
        conn.execute(_SAVE, params)


def end_run(conn: Connection, key: str, run: int) -> None:
    """Mark run ``run`` of ``key`` failed (its snapshot stays as the last completed stage left it)."""
    conn.execute(_FAIL, {"b_key": key, "b_run": run, "now": utcnow()})
