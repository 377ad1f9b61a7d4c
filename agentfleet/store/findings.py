"""Findings: one row per repo × fingerprint, counted on every sighting."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import case, func, select

from agentfleet.contracts import Finding
from agentfleet.store import Store
from agentfleet.store.models import FindingRow
from agentfleet.store.upsert import insert_for

__all__ = ["count", "get", "latest", "record"]


def record(store: Store, finding: Finding, *, run_id: str) -> int:
    """Insert ``finding`` or add its count to the existing row; returns the total count.

    ``run_id`` names the monitor run: the same run recording the same finding again (a
    redelivered task) leaves the count as it is.
    """
    values = {
        "repo": finding.repo,
        "kind": finding.kind.value,
        "fingerprint": finding.fingerprint,
        "severity": finding.severity.value,
        "title": finding.title,
        "evidence": finding.evidence.model_dump(mode="json"),
        "first_seen": finding.first_seen,
        "last_seen": finding.last_seen,
        "count": finding.count,
        "last_run": run_id,
    }
    with store.session() as session:
        stmt = insert_for(session, FindingRow.__table__).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=["repo", "fingerprint"],
            set_={
                "count": case(
                    (FindingRow.__table__.c.last_run == run_id, FindingRow.__table__.c.count),
                    else_=FindingRow.__table__.c.count + finding.count,
                ),
                "last_run": run_id,
                "last_seen": finding.last_seen,
                "severity": finding.severity.value,
                "title": finding.title,
                "evidence": values["evidence"],
            },
        ).returning(FindingRow.__table__.c.count)
        return int(session.execute(stmt).scalar_one())


def get(store: Store, repo: str, fingerprint: str) -> FindingRow | None:
    """The finding row for ``repo`` × ``fingerprint``, if any."""
    with store.session() as session:
        return session.scalars(
            select(FindingRow).where(FindingRow.repo == repo, FindingRow.fingerprint == fingerprint)
        ).one_or_none()


def count(store: Store) -> int:
    """How many findings are recorded (one per repo × fingerprint)."""
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(FindingRow)) or 0)


def latest(store: Store, *, repo: str | None = None, limit: int = 50) -> Sequence[FindingRow]:
    """Most recently seen findings first."""
    query = select(FindingRow).order_by(FindingRow.last_seen.desc()).limit(limit)
    if repo:
        query = query.where(FindingRow.repo == repo)
    with store.session() as session:
        return session.scalars(query).all()
