"""Append to and read the ledger, the audit trail of every stage."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from agentfleet.store import Store
from agentfleet.store.models import LedgerRow

__all__ = ["append", "recent", "spend_since"]


def append(
    store: Store,
    *,
    stage: str,
    outcome: str,
    repo: str | None = None,
    key: str | None = None,
    actor: str = "",
    duration_ms: int | None = None,
    inputs: dict[str, Any] | None = None,
    outputs: dict[str, Any] | None = None,
    cost_usd: float = 0.0,
) -> int:
    """Append one row; returns its id."""
    row = LedgerRow(
        stage=stage,
        outcome=outcome,
        repo=repo,
        key=key,
        actor=actor,
        duration_ms=duration_ms,
        inputs=inputs or {},
        outputs=outputs or {},
        cost_usd=cost_usd,
    )
    with store.session() as session:
        session.add(row)
        session.flush()
        return row.id


def recent(
    store: Store,
    *,
    limit: int = 50,
    repo: str | None = None,
    key: str | None = None,
    stage: str | None = None,
    outcome: str | None = None,
) -> Sequence[LedgerRow]:
    """The newest rows first, optionally for one repo, key, stage or outcome."""
    query = select(LedgerRow).order_by(LedgerRow.id.desc()).limit(limit)
    if repo:
        query = query.where(LedgerRow.repo == repo)
    if key:
        query = query.where(LedgerRow.key == key)
    if stage:
        query = query.where(LedgerRow.stage == stage)
    if outcome:
        query = query.where(LedgerRow.outcome == outcome)
    with store.session() as session:
        return session.scalars(query).all()


def spend_since(store: Store, repo: str, since: datetime) -> float:
    """Model spend (USD) recorded for ``repo`` since ``since``."""
    query = select(func.coalesce(func.sum(LedgerRow.cost_usd), 0.0)).where(
        LedgerRow.repo == repo, LedgerRow.at >= since
    )
    with store.session() as session:
        return float(session.scalar(query) or 0.0)
