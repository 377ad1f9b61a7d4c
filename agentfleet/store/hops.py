"""The stage runner's store path: per stage, a read and two short writes, of statements rendered once.

A stage reads its key's job snapshot, writes the row saying what this delivery does (``started``,
``duplicate``, …), runs, then writes what it produced as the snapshot (or ends the run) together with
its outcome row and the rows it noted on the way, atomically. This runs on every hop of every job, so
SQLAlchemy renders each statement once per dialect and the hop runs it on the driver's cursor (``Prepared``).

Every statement runs on the connection the process keeps between hops (``Store.held``). On PostgreSQL
each step is one statement in autocommit, one round trip: a first delivery's started row rides in a
``WITH`` clause of the snapshot read (``read_starting``), the snapshot update in one of the outcome's
ledger insert. Everything else in ``store/`` uses the ORM.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    Dialect,
    Select,
    Text,
    bindparam,
    cast,
    func,
    insert,
    literal_column,
    select,
    union_all,
)
from sqlalchemy import update as sql_update
from sqlalchemy.dialects.postgresql import JSONB

from agentfleet.contracts import Job, utcnow
from agentfleet.store import Store
from agentfleet.store.models import LedgerRow, WorkRow
from agentfleet.store.prepared import Prepared
from agentfleet.store.work import DONE, FAILED

__all__ = ["Snapshot", "noted_rows", "read", "read_starting", "stage_scope", "unflushed", "write"]


@dataclass(frozen=True)
class Snapshot:
    """A key's saved job, its current run and its state."""

    job: Job
    """The job as its completed stages left it; ``job.run`` is the key's current run."""
    state: str


_LEDGER = [c.name for c in LedgerRow.__table__.columns if c.name != "id"]
_stage: ContextVar[list[dict[str, Any]] | None] = ContextVar("agentfleet_stage_rows", default=None)


def _work_change(change: str, dialect: Dialect) -> Any:
    """``UPDATE work`` for one run of a key: ``save`` the snapshot, ``finish`` the run with it, ``fail`` it.
    The snapshot is bound as the JSON text pydantic wrote (no dict, no second encoding)."""
    values: dict[str, Any] = {"updated_at": bindparam("now")}
    if change in ("save", "finish"):
        text_job = bindparam("job", type_=Text)
        values["job"] = cast(text_job, JSON) if dialect.name == "postgresql" else text_job  # SQLite keeps text
    if change in ("finish", "fail"):
        values |= {"state": bindparam("state"), "finished_at": bindparam("now")}
    where = (WorkRow.key == bindparam("b_key"), WorkRow.runs == bindparam("b_run"))
    return sql_update(WorkRow).where(*where).values(values)


@lru_cache(maxsize=32)
def _statement(dialect: Dialect, change: str | None, rows: int, flush: bool) -> Prepared:
    """One write: a work change (or none) and ``rows`` ledger rows. SQLite: the rows' insert alone (run
    in a transaction after the change); PostgreSQL: both in one statement, flushed or not."""
    if dialect.name != "postgresql":
        return Prepared.of(insert(LedgerRow).inline().values({c: bindparam(c) for c in _LEDGER}), dialect)
    many = [{c: bindparam(f"{c}_{i}", type_=LedgerRow.__table__.c[c].type) for c in _LEDGER} for i in range(rows)]
    if flush:
        stmt = insert(LedgerRow).inline().values(many)
    else:  # the commit of this one statement need not wait for its WAL flush
        rows_sql = [unflushed(list(row.values())) for row in many]
        stmt = insert(LedgerRow).inline().from_select(_LEDGER, rows_sql[0] if rows == 1 else union_all(*rows_sql))
    if change is not None:
        stmt = stmt.add_cte(_work_change(change, dialect).returning(WorkRow.key).cte("changed"))
    return Prepared.of(stmt, dialect)


@lru_cache(maxsize=8)
def _side_statements(dialect: Dialect) -> dict[str, Prepared]:
    snapshot = select(cast(WorkRow.job, Text), WorkRow.runs, WorkRow.state).where(WorkRow.key == bindparam("b_key"))
    changes = {change: Prepared.of(_work_change(change, dialect), dialect) for change in ("save", "finish", "fail")}
    return {"read": Prepared.of(snapshot, dialect), **changes}


@lru_cache(maxsize=8)
def _read_starting(dialect: Dialect) -> Prepared:
    """PostgreSQL: the snapshot read, with the ``started`` row's insert in a ``WITH`` clause that appends it
    only when the key is at run ``b_run`` and its done stages are those ``befores`` (JSON: kind → the
    stages before this one) names for its kind."""
    snap = select(WorkRow.job, WorkRow.runs, WorkRow.state, WorkRow.repo, WorkRow.kind)
    snap_cte = snap.where(WorkRow.key == bindparam("b_key")).cte("snap")
    values = [snap_cte.c.repo if c == "repo" else bindparam(c, type_=LedgerRow.__table__.c[c].type) for c in _LEDGER]
    done = cast(snap_cte.c.job, JSONB).op("->")(literal_column("'stages'"))
    expected = cast(bindparam("befores", type_=Text), JSONB).op("->")(snap_cte.c.kind)
    source = unflushed(values).select_from(snap_cte)
    source = source.where(snap_cte.c.runs == bindparam("b_run"), done == expected)
    started = insert(LedgerRow).inline().from_select(_LEDGER, source).returning(LedgerRow.id).cte("started")
    written = select(func.count()).select_from(started).scalar_subquery()
    stmt = select(cast(snap_cte.c.job, Text), snap_cte.c.runs, snap_cte.c.state, written)
    return Prepared.of(stmt, dialect)


def _snapshot(raw: str, runs: int, state: str) -> Snapshot:
    job = Job.model_validate_json(raw)
    return Snapshot(job=job if job.run == runs else job.model_copy(update={"run": runs}), state=state)


def read(store: Store, key: str) -> Snapshot | None:
    """The snapshot of ``key``, or ``None`` when no work row has that key."""
    with store.held.use() as conn:
        found = _side_statements(store.engine.dialect)["read"].run(conn, {"b_key": key}).fetchone()
    return None if found is None else _snapshot(*found)


def read_starting(
    store: Store, key: str, run: int, started: dict[str, Any], befores: str
) -> tuple[Snapshot | None, bool]:
    """The snapshot of ``key`` and whether the ``started`` row (``ledger.row`` without its repo: the
    key's) was appended with the read, which it is, on PostgreSQL, when the key is at ``run`` and its
    done stages are those ``befores`` (JSON: kind → the stages before this one) names for its kind:
    one round trip for the stage's admission. SQLite (in-process, no round trips) only reads."""
    if store.engine.dialect.name != "postgresql":
        return read(store, key), False
    prepared = _read_starting(store.engine.dialect)
    params = prepared.params({**started, "b_key": key, "b_run": run, "befores": befores})
    with store.held.use() as conn:
        found = prepared.execute(conn, params).fetchone()
    return (None, False) if found is None else (_snapshot(*found[:3]), found[3] == 1)


def write(
    store: Store,
    rows: Sequence[dict[str, Any]],
    *,
    save: Job | None = None,
    last: bool = False,
    fail: tuple[str, int] | None = None,
    flush: bool = True,
) -> None:
    """Append ledger ``rows`` (``ledger.row``), atomically with one work change: ``save`` a job as its
    key's snapshot (``last``: its run is done), or ``fail`` a (key, run). ``flush=False``: the commit
    need not wait for its WAL flush (``unflushed``; PostgreSQL), unless it ends the run."""
    change, params = _change(save, last, fail)
    dialect = store.engine.dialect
    if dialect.name == "postgresql":
        prepared = _statement(dialect, change, len(rows), flush or change in ("finish", "fail"))
        flat = {f"{name}_{i}": value for i, row in enumerate(rows) for name, value in row.items()}
        bound = prepared.params({**params, **flat})
        with store.held.use() as conn:
            prepared.execute(conn, bound)
        return
    # SQLite: the values are processed before the transaction takes the write lock other writers wait for
    side = _side_statements(dialect)[change] if change is not None else None
    work = side.params(params) if side is not None else None
    insert = _statement(dialect, None, 1, True)
    ledger_rows = [insert.params(row) for row in rows]
    with store.held.use() as conn:
        if side is not None and work is not None:
            side.execute(conn, work)
        if len(ledger_rows) == 1:
            insert.execute(conn, ledger_rows[0])
        elif ledger_rows:
            insert.execute_many(conn, ledger_rows)


def _change(save: Job | None, last: bool, fail: tuple[str, int] | None) -> tuple[str | None, dict[str, Any]]:
    now = utcnow()
    if save is not None:
        params = {"b_key": save.key, "b_run": save.run, "job": save.model_dump_json(), "now": now}
        return ("finish", {**params, "state": DONE}) if last else ("save", params)
    if fail is not None:
        return "fail", {"b_key": fail[0], "b_run": fail[1], "state": FAILED, "now": now}
    return None, {}


@contextmanager
def stage_scope() -> Iterator[list[dict[str, Any]]]:
    """While a stage runs: the ledger rows it notes (``ledger.note``; the runner writes them with the
    stage's outcome), and its other commits need not wait for their flush (``unflushed``)."""
    rows: list[dict[str, Any]] = []
    token = _stage.set(rows)
    try:
        yield rows
    finally:
        _stage.reset(token)


def noted_rows() -> list[dict[str, Any]] | None:
    """The rows the running stage has noted so far; ``None`` outside a stage runner."""
    return _stage.get()


def unflushed(values: Sequence[ColumnElement[Any]]) -> Select[Any]:
    """``SELECT values`` for an ``INSERT … SELECT`` whose commit returns before its WAL reaches the disk
    (PostgreSQL, a statement run in autocommit: ``set_config`` local to its own transaction).

    For commits whose loss the run recovers from: the next commit that waits for its flush (the run's
    last completion, or its failure) makes them durable too, since the WAL is flushed in order. A
    database or power failure in between loses a stage's started row, or a completion that the next
    stage then finds missing and relaunches the chain from (``tasks/runner.py``).
    """
    off = func.set_config(literal_column("'synchronous_commit'"), literal_column("'off'"), literal_column("true"))
    return select(*values).select_from(select(off.label("off")).subquery("no_flush"))
