"""The lines the suite ran at the last measured commit, per repo and file (what the coverage monitor saw).

The coverage monitor saves each green measurement here; the quality monitor reads it to give a function's line
coverage as evidence (``QualityMetrics.coverage``), mapping lines to a later commit through the function's
source hash (the same text moved by ``n`` lines is covered the same way).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from agentfleet.analysis.functions import FunctionSpan
from agentfleet.contracts import utcnow
from agentfleet.flow.monitors.coverage.measure import FileCoverage
from agentfleet.store import Store
from agentfleet.store.base import Base

__all__ = ["CoverageLinesRow", "Lines", "function_coverage", "lines_of", "save_lines"]

_MAX_FILES = 2000


class CoverageLinesRow(Base):
    """One row per repo and file: executed and missing lines at ``commit``."""

    __tablename__ = "coverage_lines"

    repo: Mapped[str] = mapped_column(String(64), primary_key=True)
    path: Mapped[str] = mapped_column(String(500), primary_key=True)
    commit: Mapped[str] = mapped_column(String(64))
    executed: Mapped[list[str]] = mapped_column(default=list)
    missing: Mapped[list[str]] = mapped_column(default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


Lines = tuple[str, set[int], set[int]]
"""(commit, executed lines, missing lines) of one file."""


def save_lines(store: Store, repo: str, commit: str, files: dict[str, FileCoverage]) -> None:
    """Record what the suite ran in ``files`` at ``commit`` (replacing what was known of those files)."""
    chosen = sorted(files)[:_MAX_FILES]
    with store.session() as session:
        if chosen:
            session.execute(
                delete(CoverageLinesRow).where(CoverageLinesRow.repo == repo, CoverageLinesRow.path.in_(chosen))
            )
        for path in chosen:
            cov = files[path]
            session.add(
                CoverageLinesRow(
                    repo=repo,
                    path=path,
                    commit=commit,
                    executed=[str(n) for n in sorted(cov.executed)],
                    missing=[str(n) for n in sorted(cov.missing)],
                )
            )


def lines_of(store: Store, repo: str) -> dict[str, Lines]:
    """Every file of ``repo`` the coverage monitor measured, with its commit and lines."""
    with store.session() as session:
        rows = session.scalars(select(CoverageLinesRow).where(CoverageLinesRow.repo == repo)).all()
        return {r.path: (r.commit, {int(n) for n in r.executed}, {int(n) for n in r.missing}) for r in rows}


def function_coverage(then: FunctionSpan, now: FunctionSpan, known: Lines) -> float | None:
    """Share of ``now``'s executable body lines the suite ran, from ``known`` measured on ``then`` (the same
    function at the measured commit); ``None`` when its text changed since or nothing in it is executable."""
    if then.source_hash != now.source_hash:
        return None
    _, executed, missing = known
    body = {n for n in executed | missing if then.def_line < n <= then.end}
    return round(len(body & executed) / len(body), 3) if body else None
