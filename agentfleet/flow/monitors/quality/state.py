"""The quality monitor's audits per repo: the audited commit (the coverage monitor's baseline pattern, its own
table) and the findings still open, re-checked and reported again by each audit until the code changes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Mapped, mapped_column

from agentfleet.contracts import QualityEvidence, utcnow
from agentfleet.flow.monitors.coverage.audits import AuditColumns, baseline, propose
from agentfleet.store import Store
from agentfleet.store.base import Base

__all__ = ["QualityAuditRow", "audited", "open_findings", "proposed", "save_open"]

_MAX_OPEN = 200


class QualityAuditRow(AuditColumns, Base):
    """One row per repo: the quality monitor's baseline, and the evidence of the findings still open."""

    __tablename__ = "quality_audits"

    open: Mapped[list[dict[str, Any]]] = mapped_column(default=list)


def audited(store: Store, repo: str) -> str | None:
    """The commit ``repo``'s new debt is counted from (``None`` before the first audit)."""
    return baseline(store, repo, QualityAuditRow)


def proposed(store: Store, repo: str, commit: str | None, fingerprints: list[str]) -> None:
    """Leave ``commit`` as the next baseline once ``fingerprints`` are recorded (``None``: keep the current one)."""
    propose(store, repo, commit, fingerprints, QualityAuditRow)


def open_findings(store: Store, repo: str) -> dict[str, QualityEvidence]:
    """Fingerprint → evidence of ``repo``'s findings still open after the last audit."""
    with store.session() as session:
        row = session.get(QualityAuditRow, repo)
        raw = list(row.open) if row is not None else []
    return {str(e["fingerprint"]): QualityEvidence.model_validate(e["evidence"]) for e in raw}


def save_open(store: Store, repo: str, still: dict[str, QualityEvidence]) -> None:
    """Record what is still open (the row exists: ``proposed`` ran first)."""
    values = [{"fingerprint": f, "evidence": e.model_dump(mode="json")} for f, e in list(still.items())[:_MAX_OPEN]]
    with store.session() as session:
        session.execute(
            update(QualityAuditRow).where(QualityAuditRow.repo == repo).values(open=values, updated_at=utcnow())
        )
