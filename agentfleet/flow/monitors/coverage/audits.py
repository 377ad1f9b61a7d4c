"""The last audited commit per repo: each coverage audit counts changes from there.

An audit does not move the baseline itself (``audit --dry-run`` must record nothing): it leaves its commit as
*pending*, with the fingerprints it reported. The next audit promotes the pending commit once every one of
those fingerprints is in the findings table, i.e. once triage has recorded what that audit found.

Another monitor that counts from its last audit keeps its own table with the same columns (``AuditColumns``)
and passes it as ``table`` (the quality monitor does).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import String, func, select
from sqlalchemy.orm import Mapped, mapped_column

from agentfleet.contracts import utcnow
from agentfleet.store import Store
from agentfleet.store.base import Base
from agentfleet.store.models import FindingRow
from agentfleet.store.upsert import insert_for

__all__ = ["AuditColumns", "CoverageAuditRow", "baseline", "propose"]


class AuditColumns:
    """One row per repo: the audited commit, and the commit an audit proposes as the next baseline."""

    repo: Mapped[str] = mapped_column(String(64), primary_key=True)
    commit: Mapped[str | None] = mapped_column(String(64), default=None)
    pending: Mapped[str | None] = mapped_column(String(64), default=None)
    pending_fingerprints: Mapped[list[str]] = mapped_column(default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class CoverageAuditRow(AuditColumns, Base):
    """The coverage monitor's audits."""

    __tablename__ = "coverage_audits"


def _recorded(store: Store, repo: str, fingerprints: Sequence[str]) -> bool:
    if not fingerprints:
        return True
    with store.session() as session:
        query = select(func.count()).where(FindingRow.repo == repo, FindingRow.fingerprint.in_(list(fingerprints)))
        return int(session.scalar(query) or 0) == len(set(fingerprints))


def baseline(store: Store, repo: str, table: type[AuditColumns] = CoverageAuditRow) -> str | None:
    """The commit ``repo``'s changes are counted from (``None`` before the first audit), promoting the
    pending one when everything its audit reported was recorded."""
    with store.session() as session:
        row = session.get(table, repo)
        if row is None:
            return None
        pending, fingerprints, commit = row.pending, list(row.pending_fingerprints), row.commit
    if pending is None or not _recorded(store, repo, fingerprints):
        return commit
    with store.session() as session:
        row = session.get(table, repo)
        if row is not None and row.pending == pending:
            row.commit, row.pending, row.pending_fingerprints, row.updated_at = pending, None, [], utcnow()
    return pending


def propose(
    store: Store,
    repo: str,
    commit: str | None,
    fingerprints: Sequence[str] = (),
    table: type[AuditColumns] = CoverageAuditRow,
) -> None:
    """Leave ``commit`` as ``repo``'s next baseline once ``fingerprints`` are recorded (``None``: keep the
    current baseline, e.g. when an audit reported only part of what it found)."""
    values = {"pending": commit, "pending_fingerprints": sorted(set(fingerprints)), "updated_at": utcnow()}
    with store.session() as session:
        stmt = insert_for(session, table.__table__).values(repo=repo, **values)  # type: ignore[attr-defined]
        session.execute(stmt.on_conflict_do_update(index_elements=["repo"], set_=values))
