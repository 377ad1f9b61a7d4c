"""Merged agent changes watched in production: one row per merge, from awaiting its deploy to a verdict.

A row moves by compare-and-set (``advance``): of two verify passes racing, one records the verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import CursorResult, Index, String, Text, UniqueConstraint, select, update
from sqlalchemy.orm import Mapped, mapped_column

from agentfleet.contracts import TriedPatch, utcnow
from agentfleet.store import Store
from agentfleet.store.base import Base
from agentfleet.store.models import LedgerRow, WorkRow
from agentfleet.store.upsert import insert_for

__all__ = ["PENDING", "State", "VerificationRow", "advance", "listing", "merges_since", "pending", "progress"]
__all__ += ["reopen", "tried_for", "watch", "watched"]


class State(StrEnum):
    """Where a merged change stands in production."""

    AWAITING_DEPLOY = "awaiting_deploy"
    """Merged; no release containing it reported yet."""
    AWAITING_VERDICT = "awaiting_verdict"
    """Deployed; watched for its window."""
    VERIFIED = "verified"
    """Held: silent for the window, with enough traffic."""
    REGRESSED = "regressed"
    """Did not hold: the problem came back from a release containing it; the work was reopened."""
    CAUSED = "caused"
    """Made it worse: a new error in lines it changed; a revert was proposed."""
    NOT_JUDGED = "not_judged"
    """Reverted by a human, or no longer on the default branch (force-pushed)."""


PENDING = (State.AWAITING_DEPLOY, State.AWAITING_VERDICT)


class VerificationRow(Base):
    """One merge of an agent PR and what production said about it."""

    __tablename__ = "verifications"
    __table_args__ = (
        UniqueConstraint("repo", "merge_sha"),
        Index("ix_verifications_repo_state", "repo", "state"),
        Index("ix_verifications_key", "key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    repo: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(32))
    fingerprint: Mapped[str] = mapped_column(String(200))
    pr_number: Mapped[int]
    merge_sha: Mapped[str] = mapped_column(String(64))
    merged_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(20), default=State.AWAITING_DEPLOY.value)
    deployed_at: Mapped[datetime | None] = mapped_column(default=None)
    """When production first ran a commit containing the merge (the fleet's clock)."""
    deployed_by: Mapped[str] = mapped_column(Text, default="")
    """How that was known: ``release '<name>'``, ``declared <sha>`` or the advisories run's commit."""
    traffic: Mapped[int] = mapped_column(default=0)
    """Events seen from releases containing the merge (the kept sample)."""
    checked: Mapped[list[str]] = mapped_column(default=list)
    """New error groups already examined (their frames touch no line the merge changed)."""
    note: Mapped[str] = mapped_column(Text, default="")
    """What is pending, or why the verdict is what it is."""
    tried: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    """The ``TriedPatch`` a regression recorded (carried into the key's later runs)."""
    revert_pr: Mapped[int | None] = mapped_column(default=None)
    verdict_at: Mapped[datetime | None] = mapped_column(default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


def watch(
    store: Store, *, repo: str, key: str, kind: str, fingerprint: str, pr: int, merge_sha: str, merged_at: datetime
) -> bool:
    """Start watching a merge (once per repo × merge commit); ``True`` when it is new."""
    values = {
        "repo": repo,
        "key": key,
        "kind": kind,
        "fingerprint": fingerprint,
        "pr_number": pr,
        "merge_sha": merge_sha,
        "merged_at": merged_at,
        "state": State.AWAITING_DEPLOY.value,
        "checked": [],
        "updated_at": utcnow(),
    }
    with store.session() as session:
        stmt = insert_for(session, VerificationRow.__table__).values(**values)
        stmt = stmt.on_conflict_do_nothing(index_elements=["repo", "merge_sha"]).returning(VerificationRow.id)
        return session.execute(stmt).scalar_one_or_none() is not None


def merges_since(store: Store, repo: str, kind: str, since: datetime) -> Sequence[LedgerRow]:
    """``review``/``merged`` ledger rows of ``repo``'s ``kind`` work since ``since`` that name a merge commit."""
    query = (
        select(LedgerRow)
        .where(LedgerRow.repo == repo, LedgerRow.stage == "review", LedgerRow.outcome == "merged")
        .where(LedgerRow.at >= since)
        .order_by(LedgerRow.id)
    )
    with store.session() as session:
        rows = session.scalars(query).all()
    return [r for r in rows if r.outputs.get("kind") == kind and r.outputs.get("merge_sha") and r.outputs.get("pr")]


def watched(store: Store, repo: str) -> set[str]:
    """Merge commits of ``repo`` already watched (in any state)."""
    with store.session() as session:
        return set(session.scalars(select(VerificationRow.merge_sha).where(VerificationRow.repo == repo)))


def pending(store: Store, repo: str, kind: str) -> list[VerificationRow]:
    """Merges of ``repo``'s ``kind`` work still awaiting a deploy or a verdict, oldest first."""
    query = (
        select(VerificationRow)
        .where(VerificationRow.repo == repo, VerificationRow.kind == kind)
        .where(VerificationRow.state.in_([s.value for s in PENDING]))
        .order_by(VerificationRow.id)
    )
    with store.session() as session:
        return list(session.scalars(query))


def advance(store: Store, row_id: int, *, expect: str, state: State, **fields: Any) -> bool:
    """Move row ``row_id`` from state ``expect`` to ``state`` with ``fields``; ``False`` when another pass did."""
    final = state not in PENDING
    values = {**fields, "state": state.value, "updated_at": utcnow(), **({"verdict_at": utcnow()} if final else {})}
    with store.session() as session:
        done: CursorResult[Any] = session.execute(  # type: ignore[assignment]
            update(VerificationRow)
            .where(VerificationRow.id == row_id, VerificationRow.state == expect)
            .values(**values)
        )
        return done.rowcount == 1


def progress(store: Store, row_id: int, **fields: Any) -> None:
    """Record what a pass observed (traffic, groups checked, what is pending) on a still pending row."""
    with store.session() as session:
        session.execute(
            update(VerificationRow)
            .where(VerificationRow.id == row_id, VerificationRow.state.in_([s.value for s in PENDING]))
            .values(**fields, updated_at=utcnow())
        )


def listing(
    store: Store, *, repo: str | None = None, states: Sequence[State] = (), limit: int = 100
) -> Sequence[VerificationRow]:
    """Watched merges, newest first, optionally of one repo and in some states."""
    query = select(VerificationRow).order_by(VerificationRow.id.desc()).limit(limit)
    if repo:
        query = query.where(VerificationRow.repo == repo)
    if states:
        query = query.where(VerificationRow.state.in_([s.value for s in states]))
    with store.session() as session:
        return session.scalars(query).all()


def tried_for(store: Store, key: str) -> tuple[TriedPatch, ...]:
    """Every patch merged for ``key`` that did not hold, oldest first."""
    query = (
        select(VerificationRow.tried)
        .where(VerificationRow.key == key, VerificationRow.state == State.REGRESSED.value)
        .order_by(VerificationRow.id)
    )
    with store.session() as session:
        return tuple(TriedPatch.model_validate(raw) for raw in session.scalars(query) if raw)


def reopen(store: Store, key: str, job: dict[str, Any]) -> bool:
    """Make ``key``'s finished work claimable again as ``job`` (a held run: the next triage starts it, within
    the repo's budgets, whatever its cooldown); ``False`` when a run of it is queued or held already."""
    with store.session() as session:
        done: CursorResult[Any] = session.execute(  # type: ignore[assignment]
            update(WorkRow)
            .where(WorkRow.key == key, WorkRow.state.in_(("done", "failed")))
            .values(state="held", job=job, updated_at=utcnow())
        )
        return done.rowcount == 1
