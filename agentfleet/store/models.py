"""The core tables: findings, work, deliveries and the append-only ledger.

A ``String(n)`` column holds values whose length the fleet bounds (a repo name ≤ 64, a fingerprint ≤ 200, a key
``repo:kind:fingerprint`` ≤ 284, enum values); anything a plugin, a producer or a host chooses is ``Text``.
PostgreSQL enforces the lengths (SQLite does not): a change here is an ``ALTER`` for existing databases,
listed in docs/operations.md ("Schema changes").
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DDL, Index, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from agentfleet.contracts import utcnow
from agentfleet.store.base import Base

__all__ = ["DeliveryRow", "FindingRow", "LedgerRow", "WorkRow"]


class FindingRow(Base):
    """One fingerprint per repo: first/last seen and how often it was seen."""

    __tablename__ = "findings"
    __table_args__ = (UniqueConstraint("repo", "fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    repo: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    fingerprint: Mapped[str] = mapped_column(String(200))
    severity: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(300))
    evidence: Mapped[dict[str, Any]]
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    count: Mapped[int] = mapped_column(default=1)
    last_run: Mapped[str] = mapped_column(Text, default="")
    """The monitor run that last counted this finding; a redelivered run does not count twice (a Celery task id,
    which its producer may choose: unbounded)."""


class WorkRow(Base):
    """One piece of work per idempotency key; its state decides whether a repeat is new work."""

    __tablename__ = "work"
    __table_args__ = (Index("ix_work_repo_created", "repo", "created_at"),)

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    repo: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    fingerprint: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(16))
    """``queued``, ``done``, ``failed`` or ``held`` (a budget held it; claimable again)."""
    job: Mapped[dict[str, Any]]
    """The latest ``Job`` snapshot: what each completed stage produced."""
    runs: Mapped[int] = mapped_column(default=1)
    claimed_by: Mapped[str] = mapped_column(Text, default="")
    """The monitor run that started the current run; it may re-claim after a crash (unbounded, as ``last_run``)."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)


class DeliveryRow(Base):
    """What delivery did for an idempotency key (one row, updated on re-runs)."""

    __tablename__ = "deliveries"
    __table_args__ = (Index("ix_deliveries_repo_state", "repo", "state"),)

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    repo: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    forge: Mapped[str] = mapped_column(Text)
    """The forge's ``name``; a forge plugin chooses its own."""
    state: Mapped[str] = mapped_column(String(16))
    branch: Mapped[str | None] = mapped_column(String(200), default=None)
    pr_number: Mapped[int | None] = mapped_column(default=None)
    url: Mapped[str | None] = mapped_column(Text, default=None)
    verdict: Mapped[str | None] = mapped_column(String(16), default=None)
    opened_at: Mapped[datetime | None] = mapped_column(default=None)
    """When a PR was first opened (rate limits count these)."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class LedgerRow(Base):
    """The audit trail: every stage appends who ran what on what, the outcome and how long it took."""

    __tablename__ = "ledger"
    __table_args__ = (Index("ix_ledger_key", "key"), Index("ix_ledger_repo_at", "repo", "at"))

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    stage: Mapped[str] = mapped_column(Text)
    """The stage, or ``fix:<fixer>`` for a fixer attempt, where a fixer may be a dotted path of any length."""
    outcome: Mapped[str] = mapped_column(String(32))
    repo: Mapped[str | None] = mapped_column(String(64), default=None)
    key: Mapped[str | None] = mapped_column(String(300), default=None)
    actor: Mapped[str] = mapped_column(Text, default="")
    """Who acted: task name and id, worker host, fixer name (``task[id]@node``: a node name ends with a host name of
    up to 253 characters)."""
    duration_ms: Mapped[int | None] = mapped_column(default=None)
    inputs: Mapped[dict[str, Any]] = mapped_column(default=dict)
    outputs: Mapped[dict[str, Any]] = mapped_column(default=dict)
    cost_usd: Mapped[float] = mapped_column(default=0.0)
    """Model spend attributed to this row (agent budgets sum it)."""


for _verb in ("UPDATE", "DELETE"):
    event.listen(
        LedgerRow.__table__,
        "after_create",
        DDL(
            f"CREATE TRIGGER ledger_no_{_verb.lower()} BEFORE {_verb} ON ledger "
            "BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END"
        ).execute_if(dialect="sqlite"),
    )
event.listen(
    LedgerRow.__table__,
    "after_create",
    DDL(
        "CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'the ledger is append-only'; END $$; "
        "CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON ledger "
        "FOR EACH ROW EXECUTE FUNCTION ledger_append_only()"
    ).execute_if(dialect="postgresql"),
)
