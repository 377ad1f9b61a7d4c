"""Append to and read the ledger, the audit trail of every stage.

``Outcome`` is every outcome the stage runner writes (a ``ledger --outcome`` filter takes these).
Rows a stage notes on its way (``note``, e.g. each fixer attempt) are written in the same transaction
as the stage's outcome row when a stage runner runs it (``hops.stage_scope``), so a stage's record is whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select

from agentfleet.contracts import utcnow
from agentfleet.store import Store, hops
from agentfleet.store.models import LedgerRow

__all__ = [
    "COMPLETED",
    "ENDED_BADLY",
    "Outcome",
    "append",
    "note",
    "recent",
    "row",
    "spend_since",
]


class Outcome(StrEnum):
    """The outcome of a stage's ledger row: what happened to this delivery of the task, or the stage's verdict.

    A stage that completed writes exactly one verdict row (one of ``COMPLETED``); ``fix:<fixer>`` attempt
    rows carry ``patch`` or ``no_fix``; a malformed payload is ``refused`` (stage ``payload``).
    """

    STARTED = "started"
    """The stage began running (one per delivery of its message)."""
    DUPLICATE = "duplicate"
    """A redelivered message of a stage that had completed: its saved result was returned, nothing ran."""
    SUPERSEDED = "superseded"
    """A message of an older run of the key (the key was claimed again since): nothing ran."""
    RELAUNCHED = "relaunched"
    """An earlier stage's completion was missing (lost in a database or power failure before it reached the
    disk): the key's chain was launched again from the first stage not done; nothing ran here."""
    GAVE_UP = "gave-up"
    """The message was lost with its worker more than ``max_redeliveries`` times; the run failed."""
    RETRY = "retry"
    """A transient error; Celery retries the stage."""
    FAILED = "failed"
    """A permanent error (or retries exhausted); the run failed."""
    CRASHED = "crashed"
    """An unexpected exception (a bug, a time limit); the run failed."""
    REFUSED = "refused"
    """The task's payload did not fit its parameters."""
    REPRODUCED = "reproduced"
    """investigate: the error was reproduced in a sandbox."""
    NOT_REPRODUCED = "not_reproduced"
    """investigate: the error was located but not reproduced (or reproduction was inconclusive)."""
    PATCH = "patch"
    """fix (and a ``fix:<fixer>`` attempt): a patch that changes something."""
    NO_FIX = "no_fix"
    """fix (and a ``fix:<fixer>`` attempt): no fix, with the reason."""
    APPROVED = "approved"
    """gate: every check passed; the verdict (report, draft PR, PR, auto-merge) is in the row."""
    REJECTED = "rejected"
    """gate: the patch (or its absence) was rejected; the reasons are in the row."""
    REPORTED = "reported"
    """deliver: a report (file or forge issue), no PR."""
    OPENED = "opened"
    """deliver: the key's one PR was opened or updated (ready or draft)."""
    KEPT = "kept"
    """deliver: the key's open PR was left as it is (this run was rejected, or its phase lowered)."""
    MERGED = "merged"
    """deliver: the PR was auto-merged."""
    CLOSED = "closed"
    """deliver: a human closed the key's PR before; no other is opened."""
    SKIPPED = "skipped"
    """deliver: nothing delivered (no verified patch and nothing to report, or a budget held the PR)."""


COMPLETED: frozenset[Outcome] = frozenset(
    {
        Outcome.REPRODUCED,
        Outcome.NOT_REPRODUCED,
        Outcome.PATCH,
        Outcome.NO_FIX,
        Outcome.APPROVED,
        Outcome.REJECTED,
        Outcome.REPORTED,
        Outcome.OPENED,
        Outcome.KEPT,
        Outcome.MERGED,
        Outcome.CLOSED,
        Outcome.SKIPPED,
    }
)
"""Verdicts: the one row a stage writes when it completed."""
ENDED_BADLY: frozenset[Outcome] = frozenset({Outcome.GAVE_UP, Outcome.FAILED, Outcome.CRASHED})
"""Outcomes that end a run as failed."""


def row(
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
) -> dict[str, Any]:
    """One ledger row's values, stamped now (the stage runner writes these, ``store/hops.py``)."""
    return {
        "at": utcnow(),
        "stage": stage,
        "outcome": str(outcome),
        "repo": repo,
        "key": key,
        "actor": actor,
        "duration_ms": duration_ms,
        "inputs": inputs or {},
        "outputs": outputs or {},
        "cost_usd": cost_usd,
    }


def note(store: Store, **fields: Any) -> None:
    """Record a row that belongs with the running stage's outcome (``row``'s fields).

    Inside a stage runner (``hops.stage_scope``), the row is written with the stage's outcome row, in
    the same transaction; elsewhere (a stage function called directly) it is appended at once.
    """
    pending = hops.noted_rows()
    if pending is None:
        append(store, **fields)
    else:
        pending.append(row(**fields))


def append(store: Store, **fields: Any) -> int:
    """Append one row (``row``'s fields) at once; returns its id."""
    record = LedgerRow(**row(**fields))
    with store.session() as session:
        session.add(record)
        session.flush()
        return record.id


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
