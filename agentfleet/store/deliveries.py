"""Deliveries: one row per idempotency key; PR budgets are counted here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Dialect, bindparam, func, select, update

from agentfleet.contracts import Delivery, DeliveryState, utcnow
from agentfleet.store import Store, hops
from agentfleet.store.models import DeliveryRow
from agentfleet.store.prepared import Prepared
from agentfleet.store.upsert import insert_on

__all__ = ["OPEN_STATES", "by_pr", "get", "list_open", "open_count", "opened_since", "save", "set_state", "with_prs"]

OPEN_STATES = (DeliveryState.OPEN, DeliveryState.DRAFT)
"""A delivery in these states has a PR that is still open (counted by the budgets)."""
_OPEN = tuple(state.value for state in OPEN_STATES)


def _to_contract(row: DeliveryRow) -> Delivery:
    return Delivery(
        key=row.key,
        forge=row.forge,
        repo=row.repo,
        state=DeliveryState(row.state),
        branch=row.branch,
        pr_number=row.pr_number,
        url=row.url,
    )


def get(store: Store, key: str) -> Delivery | None:
    """The delivery recorded for ``key``, if any."""
    with store.session() as session:
        row = session.get(DeliveryRow, key)
        return _to_contract(row) if row else None


@lru_cache(maxsize=8)
def _upsert(dialect: Dialect, flush: bool) -> Prepared:
    """Insert or update a delivery by key, keeping the first PR opening time (rendered once per dialect);
    not ``flush``: the commit need not wait for its WAL flush (``hops.unflushed``, PostgreSQL)."""
    table = DeliveryRow.__table__
    binds = {c.name: bindparam(c.name, type_=c.type) for c in table.columns}
    stmt = insert_on(dialect.name, table)
    if flush or dialect.name != "postgresql":
        stmt = stmt.values(binds)
    else:
        stmt = stmt.from_select(list(binds), hops.unflushed(list(binds.values())))
    kept = {"key", "created_at", "opened_at"}
    changed: dict[str, Any] = {c.name: stmt.excluded[c.name] for c in table.columns if c.name not in kept}
    changed["opened_at"] = func.coalesce(table.c.opened_at, stmt.excluded.opened_at)
    return Prepared.of(stmt.on_conflict_do_update(index_elements=["key"], set_=changed), dialect)


def save(store: Store, delivery: Delivery, *, kind: str, verdict: str | None) -> None:
    """Insert or update the delivery for its key; the first PR opening time is kept.

    Every deliver stage saves one, so this is a statement built once (no ORM), one round trip on the
    stage runner's connection; inside a stage runner its commit does not wait for its flush (the
    stage's outcome commit does).
    """
    now = utcnow()
    opened = now if delivery.state.value in (*_OPEN, DeliveryState.MERGED.value) else None
    values = {
        "key": delivery.key,
        "repo": delivery.repo,
        "kind": kind,
        "forge": delivery.forge,
        "state": delivery.state.value,
        "branch": delivery.branch,
        "pr_number": delivery.pr_number,
        "url": delivery.url,
        "verdict": verdict,
        "opened_at": opened,
        "created_at": now,
        "updated_at": now,
    }
    upsert = _upsert(store.engine.dialect, hops.noted_rows() is None)
    params = upsert.params(values)
    with store.held.use() as conn:
        upsert.execute(conn, params)


def open_count(store: Store, repo: str) -> int:
    """Agent PRs currently open (ready or draft) on ``repo``."""
    query = select(func.count()).select_from(DeliveryRow).where(DeliveryRow.repo == repo, DeliveryRow.state.in_(_OPEN))
    with store.session() as session:
        return int(session.scalar(query) or 0)


def opened_since(store: Store, repo: str, since: datetime) -> int:
    """PRs first opened on ``repo`` since ``since``."""
    query = (
        select(func.count())
        .select_from(DeliveryRow)
        .where(DeliveryRow.repo == repo, DeliveryRow.opened_at.is_not(None), DeliveryRow.opened_at >= since)
    )
    with store.session() as session:
        return int(session.scalar(query) or 0)


def list_open(store: Store, *, repo: str | None = None) -> Sequence[DeliveryRow]:
    """Open deliveries, newest first."""
    query = select(DeliveryRow).where(DeliveryRow.state.in_(_OPEN)).order_by(DeliveryRow.updated_at.desc())
    if repo:
        query = query.where(DeliveryRow.repo == repo)
    with store.session() as session:
        return session.scalars(query).all()


def by_pr(store: Store, repo: str, number: int) -> DeliveryRow | None:
    """The delivery whose PR (or report issue) on ``repo`` has ``number``."""
    query = select(DeliveryRow).where(DeliveryRow.repo == repo, DeliveryRow.pr_number == number)
    with store.session() as session:
        return session.scalars(query).first()


def set_state(store: Store, key: str, state: DeliveryState) -> None:
    """Record that a human (or auto-merge) moved the delivery for ``key`` to ``state``."""
    with store.session() as session:
        session.execute(
            update(DeliveryRow).where(DeliveryRow.key == key).values(state=state.value, updated_at=utcnow())
        )


def with_prs(store: Store, *, repo: str | None = None) -> Sequence[DeliveryRow]:
    """Deliveries that opened a PR (any state), newest first."""
    query = (
        select(DeliveryRow)
        .where(DeliveryRow.pr_number.is_not(None), DeliveryRow.opened_at.is_not(None))
        .order_by(DeliveryRow.updated_at.desc())
    )
    if repo:
        query = query.where(DeliveryRow.repo == repo)
    with store.session() as session:
        return session.scalars(query).all()
