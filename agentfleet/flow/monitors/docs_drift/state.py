"""Per-repo audit state in the store: the last audited commit, and the findings whose docs are still open."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, mapped_column

from agentfleet.contracts import DocsEvidence, utcnow
from agentfleet.store import Store
from agentfleet.store.base import Base
from agentfleet.store.upsert import insert_for

__all__ = ["AuditState", "DocsAuditRow", "load", "save"]


class DocsAuditRow(Base):
    """One row per repo: where the next docs audit starts, and what it must re-check."""

    __tablename__ = "docs_audits"

    repo: Mapped[str] = mapped_column(String(64), primary_key=True)
    commit: Mapped[str] = mapped_column(String(64))
    """The last audited head commit."""
    pending: Mapped[list[dict[str, Any]]]
    """``DocsEvidence`` of the findings still open at that commit (re-checked, and re-reported, next time)."""
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


@dataclass(frozen=True)
class AuditState:
    """The stored state of one repo's docs audits."""

    commit: str
    pending: tuple[DocsEvidence, ...]


def load(store: Store, repo: str) -> AuditState | None:
    """The state of ``repo``'s audits, or ``None`` before its first."""
    with store.session() as session:
        row = session.scalars(select(DocsAuditRow).where(DocsAuditRow.repo == repo)).one_or_none()
        if row is None:
            return None
        return AuditState(row.commit, tuple(DocsEvidence.model_validate(e) for e in row.pending))


def save(store: Store, repo: str, commit: str, pending: list[DocsEvidence]) -> None:
    """Record that ``repo`` was audited up to ``commit`` with ``pending`` still open."""
    values = {
        "repo": repo,
        "commit": commit,
        "pending": [e.model_dump(mode="json") for e in pending],
        "updated_at": utcnow(),
    }
    with store.session() as session:
        stmt = insert_for(session, DocsAuditRow.__table__).values(**values)
        session.execute(
            stmt.on_conflict_do_update(index_elements=["repo"], set_={k: v for k, v in values.items() if k != "repo"})
        )
