"""The local forge's pull requests and issues: one row each, numbered per repo."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, Text, UniqueConstraint, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from agentfleet.contracts import utcnow
from agentfleet.core.errors import PermanentError, TransientError
from agentfleet.forges import PRState, PullRequest
from agentfleet.store import Store
from agentfleet.store.base import Base

__all__ = [
    "ForgeRecordRow",
    "add",
    "comment",
    "find_branch",
    "find_marked",
    "get",
    "listing",
    "to_pull_request",
    "update_record",
]

PR, ISSUE = "pr", "issue"


class ForgeRecordRow(Base):
    """A pull request (``kind='pr'``) or issue (``kind='issue'``) on the local forge."""

    __tablename__ = "forge_records"
    __table_args__ = (UniqueConstraint("repo", "number"), Index("ix_forge_records_branch", "repo", "branch"))

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    repo: Mapped[str] = mapped_column(String(64))
    number: Mapped[int]
    kind: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(16), default=PRState.OPEN.value)
    branch: Mapped[str | None] = mapped_column(String(200), default=None)
    base: Mapped[str] = mapped_column(String(200), default="")
    draft: Mapped[bool] = mapped_column(default=False)
    labels: Mapped[list[str]] = mapped_column(default=list)
    head_sha: Mapped[str] = mapped_column(String(64), default="")
    merge_sha: Mapped[str | None] = mapped_column(String(64), default=None)
    comments: Mapped[list[str]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


def to_pull_request(row: ForgeRecordRow) -> PullRequest:
    """The ``PullRequest`` a row records."""
    return PullRequest(
        number=row.number,
        url=f"local://{row.repo}/pull/{row.number}",
        branch=row.branch or "",
        base=row.base,
        title=row.title,
        body=row.body,
        state=PRState(row.state),
        draft=row.draft,
        labels=tuple(row.labels),
        head_sha=row.head_sha,
        merge_sha=row.merge_sha,
    )


def add(store: Store, repo: str, kind: str, **fields: Any) -> int:
    """Insert a record with the repo's next number; returns the number."""
    for _ in range(5):
        try:
            with store.session() as session:
                last = session.scalar(select(func.max(ForgeRecordRow.number)).where(ForgeRecordRow.repo == repo))
                number = int(last or 0) + 1
                session.add(ForgeRecordRow(repo=repo, number=number, kind=kind, **fields))
            return number
        except IntegrityError:
            continue  # another writer took the number; take the next one
    raise TransientError(f"could not allocate a pull request number on {repo} (too many concurrent writers)")


def get(store: Store, repo: str, number: int, kind: str | None = None) -> ForgeRecordRow:
    """Record ``number`` of ``repo``; ``PermanentError`` when there is none."""
    with store.session() as session:
        row = session.scalar(select(ForgeRecordRow).where(ForgeRecordRow.repo == repo, ForgeRecordRow.number == number))
    if row is None or (kind and row.kind != kind):
        raise PermanentError(f"no {'pull request' if kind == PR else 'record'} #{number} on local forge repo {repo!r}")
    return row


def find_branch(store: Store, repo: str, branch: str) -> ForgeRecordRow | None:
    """The newest pull request from ``branch``."""
    query = (
        select(ForgeRecordRow)
        .where(ForgeRecordRow.repo == repo, ForgeRecordRow.kind == PR, ForgeRecordRow.branch == branch)
        .order_by(ForgeRecordRow.number.desc())
        .limit(1)
    )
    with store.session() as session:
        return session.scalar(query)


def find_marked(store: Store, repo: str, kind: str, marker: str) -> ForgeRecordRow | None:
    """The newest record of ``kind`` whose body contains ``marker``."""
    query = (
        select(ForgeRecordRow)
        .where(
            ForgeRecordRow.repo == repo,
            ForgeRecordRow.kind == kind,
            ForgeRecordRow.body.contains(marker, autoescape=True),
        )
        .order_by(ForgeRecordRow.number.desc())
        .limit(1)
    )
    with store.session() as session:
        return session.scalar(query)


def listing(store: Store, repo: str, kind: str = PR, state: str | None = None) -> list[ForgeRecordRow]:
    """Records of ``kind`` on ``repo``, newest first."""
    query = (
        select(ForgeRecordRow)
        .where(ForgeRecordRow.repo == repo, ForgeRecordRow.kind == kind)
        .order_by(ForgeRecordRow.number.desc())
    )
    if state:
        query = query.where(ForgeRecordRow.state == state)
    with store.session() as session:
        return list(session.scalars(query).all())


def update_record(store: Store, repo: str, number: int, **changes: Any) -> None:
    """Change fields of record ``number``."""
    with store.session() as session:
        session.execute(
            update(ForgeRecordRow)
            .where(ForgeRecordRow.repo == repo, ForgeRecordRow.number == number)
            .values(**changes, updated_at=utcnow())
        )


def comment(store: Store, repo: str, number: int, body: str) -> None:
    """Append a comment to record ``number``."""
    row = get(store, repo, number)
    update_record(store, repo, number, comments=[*row.comments, body])
