"""Read-only views of the ledger for operators: filtered rows, outcomes per repo × kind, one key's timeline.

Outcome strings are data here: whatever a stage records (``approved``, ``rejected``, ``opened``, …) is
counted and filtered as it is. *Routine* rows — the heartbeat canary's and monitor runs that found
nothing — are hidden unless asked for: they are most of the ledger and say only that the fleet is alive.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select, true

from agentfleet.contracts import WorkKind, short_fingerprint, utcnow
from agentfleet.store import Store
from agentfleet.store.models import LedgerRow, WorkRow

__all__ = [
    "LedgerQuery",
    "find_keys",
    "kind_of_key",
    "outcomes_by_repo_kind",
    "parse_since",
    "rows",
    "timeline",
    "work_row",
    "work_rows",
]

_DURATION = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800}
_PROGRESS = ("started", "duplicate", "retry")
"""Outcomes that say a stage is under way, not how it ended."""


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """``30m``, ``24h``, ``7d`` (ago) or an ISO date/time (UTC unless it says otherwise) as a UTC datetime."""
    now = now or utcnow()
    match = _DURATION.match(text)
    if match:
        return now - timedelta(seconds=int(match[1]) * _UNITS[match[2]])
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"{text!r} is neither a duration (30m, 24h, 7d) nor an ISO date/time (2025-01-31T08:00)"
        ) from None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def kind_of_key(key: str | None) -> str | None:
    """The work kind in an idempotency key (``repo:kind:fingerprint``), if it names one."""
    parts = (key or "").split(":", 2)
    return parts[1] if len(parts) == 3 and parts[1] in WorkKind._value2member_map_ else None


def _routine() -> ColumnElement[bool]:
    """Heartbeat rows and monitor runs that found nothing (``NULL``-safe: compare with ``is_not(true())``)."""
    idle_monitor = and_(
        LedgerRow.stage == "monitor",
        or_(
            LedgerRow.outcome == "idle",
            LedgerRow.inputs["monitor"].as_string() == WorkKind.HEARTBEAT.value,
            func.coalesce(LedgerRow.outputs["findings"].as_integer(), -1) == 0,
        ),
    )
    return or_(LedgerRow.key.like(f"%:{WorkKind.HEARTBEAT.value}:%"), idle_monitor)


@dataclass(frozen=True)
class LedgerQuery:
    """Which ledger rows an operator asked for."""

    repo: str | None = None
    key: str | None = None
    stage: str | None = None
    outcomes: tuple[str, ...] = ()
    """Each matches an outcome exactly or as its start (``reject`` finds ``rejected``)."""
    since: datetime | None = None
    routine: bool = False
    """Include heartbeat rows and monitor runs that found nothing."""
    limit: int = 30

    def where(self) -> list[ColumnElement[bool]]:
        """The SQL conditions of this query."""
        found: list[ColumnElement[bool]] = []
        for column, value in ((LedgerRow.repo, self.repo), (LedgerRow.key, self.key), (LedgerRow.stage, self.stage)):
            if value:
                found.append(column == value)
        if self.outcomes:
            found.append(or_(*(LedgerRow.outcome.startswith(o, autoescape=True) for o in self.outcomes)))
        if self.since is not None:
            found.append(LedgerRow.at >= self.since)
        if not self.routine:
            found.append(_routine().is_not(true()))
        return found


def rows(store: Store, query: LedgerQuery) -> Sequence[LedgerRow]:
    """Ledger rows matching ``query``, newest first."""
    statement = select(LedgerRow).where(*query.where()).order_by(LedgerRow.id.desc()).limit(query.limit)
    with store.session() as session:
        return session.scalars(statement).all()


def outcomes_by_repo_kind(
    store: Store, since: datetime, *, stages: Sequence[str], repo: str | None = None
) -> dict[tuple[str, str], Counter[tuple[str, str]]]:
    """(repo, kind) → how often each (stage, outcome) ended a stage of ``stages`` since ``since``."""
    statement = (
        select(LedgerRow.repo, LedgerRow.key, LedgerRow.stage, LedgerRow.outcome, func.count())
        .where(LedgerRow.at >= since, LedgerRow.stage.in_(stages), LedgerRow.outcome.not_in(_PROGRESS))
        .group_by(LedgerRow.repo, LedgerRow.key, LedgerRow.stage, LedgerRow.outcome)
    )
    if repo:
        statement = statement.where(LedgerRow.repo == repo)
    found: dict[tuple[str, str], Counter[tuple[str, str]]] = defaultdict(Counter)
    with store.session() as session:
        for repo_name, key, stage, outcome, count in session.execute(statement):
            kind = kind_of_key(key)
            if repo_name and kind:
                found[(repo_name, kind)][(stage, outcome)] += int(count)
    return dict(found)


def timeline(store: Store, key: str, *, limit: int = 500) -> Sequence[LedgerRow]:
    """Every ledger row of ``key``, oldest first: finding → stages → delivery → reviews."""
    statement = select(LedgerRow).where(LedgerRow.key == key).order_by(LedgerRow.id).limit(limit)
    with store.session() as session:
        return session.scalars(statement).all()


def work_rows(
    store: Store,
    *,
    repo: str | None = None,
    states: Sequence[str] = (),
    exclude_kinds: Sequence[str] = (),
    since: datetime | None = None,
    fingerprints: Sequence[str] = (),
    limit: int = 50,
) -> Sequence[WorkRow]:
    """Work rows, most recently updated first, filtered by repo, state, kind, last update and fingerprint."""
    statement = select(WorkRow).order_by(WorkRow.updated_at.desc()).limit(limit)
    if fingerprints:
        statement = statement.where(WorkRow.fingerprint.in_(fingerprints))
    if repo:
        statement = statement.where(WorkRow.repo == repo)
    if states:
        statement = statement.where(WorkRow.state.in_(states))
    if exclude_kinds:
        statement = statement.where(WorkRow.kind.not_in(exclude_kinds))
    if since is not None:
        statement = statement.where(WorkRow.updated_at >= since)
    with store.session() as session:
        return session.scalars(statement).all()


def find_keys(store: Store, text: str, *, limit: int = 10) -> list[str]:
    """Work keys ``text`` names: the key itself, a key's short fingerprint (the id in listings and branch
    names), else keys containing ``text``."""
    with store.session() as session:
        if session.get(WorkRow, text) is not None:
            return [text]
        pairs = session.execute(select(WorkRow.key, WorkRow.fingerprint)).all()
    short = [key for key, fingerprint in pairs if short_fingerprint(fingerprint) == text]
    return short or [key for key, _ in pairs if text in key][:limit]


def work_row(store: Store, key: str) -> WorkRow | None:
    """The work row of ``key``."""
    with store.session() as session:
        return session.get(WorkRow, key)
