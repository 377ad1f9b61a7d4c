"""The stage runner's store path: two short transactions per stage, of statements rendered once.

The first reads the key's job snapshot and appends the row that says what this delivery of the stage
does (``started``, ``duplicate``, …); the second saves what the stage produced as the snapshot (or
ends the run) together with the stage's outcome row and the rows it noted on the way. This runs on
every hop of every job, so SQLAlchemy renders each statement once per dialect and the hop runs it on
the driver (``exec_driver_sql``, SQLAlchemy's own bind processors, its error handling and events);
everything else in ``store/`` uses the ORM.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Dialect, Text, bindparam, cast, insert, select, text, update
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import BindParameter

from agentfleet.contracts import Job, utcnow
from agentfleet.store import Store
from agentfleet.store.models import LedgerRow, WorkRow
from agentfleet.store.work import DONE, FAILED

__all__ = ["Snapshot", "append", "end_run", "no_flush", "read", "save", "transaction"]


@dataclass(frozen=True)
class Snapshot:
    """A key's saved job, its current run and its state."""

    job: Job
    """The job as its completed stages left it; ``job.run`` is the key's current run."""
    state: str


@dataclass(frozen=True)
class _Prepared:
    """A statement rendered once for a dialect, with the bind processors its parameters need."""

    sql: str
    order: tuple[str, ...] | None
    """Parameter names in order for a positional parameter style; ``None``: named parameters."""
    processors: tuple[tuple[str, Callable[[Any], Any]], ...]

    @classmethod
    def of(cls, statement: ClauseElement, dialect: Dialect) -> _Prepared:
        compiled = statement.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        processors = (
            (name, bind.type.dialect_impl(dialect).bind_processor(dialect)) for name, bind in compiled.binds.items()
        )
        order = tuple(compiled.positiontup) if compiled.positiontup else None
        return cls(str(compiled), order, tuple((name, fn) for name, fn in processors if fn is not None))

    def params(self, values: dict[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        values = dict(values)
        for name, process in self.processors:
            values[name] = process(values[name])
        return values if self.order is None else tuple(values[name] for name in self.order)

    def run(self, conn: Connection, values: dict[str, Any]) -> Any:
        return conn.exec_driver_sql(self.sql, self.params(values))  # type: ignore[arg-type]

    def run_many(self, conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
        conn.exec_driver_sql(self.sql, [self.params(row) for row in rows])  # type: ignore[arg-type]


@dataclass(frozen=True)
class _Statements:
    read: _Prepared
    append: _Prepared
    save: _Prepared
    finish: _Prepared
    fail: _Prepared


@lru_cache(maxsize=8)
def _statements(dialect: Dialect) -> _Statements:
    work = update(WorkRow).where(WorkRow.key == bindparam("b_key"), WorkRow.runs == bindparam("b_run"))
    ledger_columns: dict[str, BindParameter[Any]] = {
        c.name: bindparam(c.name) for c in LedgerRow.__table__.columns if c.name != "id"
    }
    now: BindParameter[Any] = bindparam("now")
    job: BindParameter[Any] = bindparam("job")
    state: BindParameter[Any] = bindparam("state")
    snapshot = select(cast(WorkRow.job, Text), WorkRow.runs, WorkRow.state).where(WorkRow.key == bindparam("b_key"))
    return _Statements(
        read=_Prepared.of(snapshot, dialect),
        append=_Prepared.of(insert(LedgerRow).inline().values(ledger_columns), dialect),
        save=_Prepared.of(work.values(job=job, updated_at=now), dialect),
        finish=_Prepared.of(work.values(job=job, state=state, updated_at=now, finished_at=now), dialect),
        fail=_Prepared.of(work.values(state=state, updated_at=now, finished_at=now), dialect),
    )


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
    found = _statements(conn.dialect).read.run(conn, {"b_key": key}).first()
    if found is None:
        return None
    raw, runs, state = found
    job = Job.model_validate_json(raw)
    return Snapshot(job=job if job.run == runs else job.model_copy(update={"run": runs}), state=state)


def append(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ledger ``rows`` (``ledger.row``) in the caller's transaction, in order."""
    if len(rows) == 1:
        _statements(conn.dialect).append.run(conn, rows[0])
    elif rows:
        _statements(conn.dialect).append.run_many(conn, rows)


def save(conn: Connection, job: Job, *, last: bool) -> None:
    """Save ``job`` as its key's snapshot (of its run only); ``last``: the run is done."""
    params: dict[str, Any] = {"b_key": job.key, "b_run": job.run, "job": job.model_dump(mode="json"), "now": utcnow()}
    if last:
        _statements(conn.dialect).finish.run(conn, {**params, "state": DONE})
    else:
        _statements(conn.dialect).save.run(conn, params)


def end_run(conn: Connection, key: str, run: int) -> None:
    """Mark run ``run`` of ``key`` failed (its snapshot stays as the last completed stage left it)."""
    _statements(conn.dialect).fail.run(conn, {"b_key": key, "b_run": run, "state": FAILED, "now": utcnow()})
