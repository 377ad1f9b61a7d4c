"""Write a batch of accepted events into the error tables in one transaction.

Events are folded per group in memory first, so a storm of one error costs one group update, one
count-bucket upsert and a bounded sample of event rows per batch, not a write per event.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from agentfleet.ingest.event import ErrorEvent, level_rank
from agentfleet.ingest.tables import ErrorCountRow, ErrorEventRow, ErrorGroupRow, ErrorReleaseRow
from agentfleet.store.upsert import insert_for

__all__ = ["record_batch"]

SAMPLE_PER_BATCH = 10
"""Newest events of a group kept from one batch (a storm keeps a sample, not every copy)."""
_SEEN_CAP = 20
"""Distinct environments / transactions remembered per group."""


@dataclass
class _Fold:
    events: list[ErrorEvent] = field(default_factory=list)
    unhandled: int = 0
    buckets: dict[datetime, int] = field(default_factory=lambda: defaultdict(int))


def _bucket(when: datetime, width_s: int) -> datetime:
    stamp = int(when.timestamp()) // width_s * width_s
    return datetime.fromtimestamp(stamp, UTC)


def _merge_seen(seen: list[str], values: Sequence[str | None]) -> list[str]:
    out = list(seen)
    for value in values:
        if value and value not in out and len(out) < _SEEN_CAP:
            out.append(value)
    return out


def _new_group(first: ErrorEvent) -> ErrorGroupRow:
    return ErrorGroupRow(
        repo=first.repo,
        fingerprint=first.fingerprint,
        level=first.level,
        count=0,
        unhandled_count=0,
        first_seen=first.received,
        first_release=first.release,
        environments=[],
        transactions=[],
    )


def _apply(row: ErrorGroupRow, fold: _Fold) -> None:
    latest = fold.events[-1]
    row.count += len(fold.events)
    row.unhandled_count += fold.unhandled
    row.title, row.exception_type, row.exception_value = latest.title, latest.exception_type, latest.exception_value
    row.culprit = latest.culprit[:500]
    row.level = max([row.level, *(e.level for e in fold.events)], key=level_rank)
    row.last_seen = latest.received
    row.last_release = latest.release or row.last_release
    row.environments = _merge_seen(row.environments, [e.environment for e in fold.events])
    row.transactions = _merge_seen(row.transactions, [e.transaction for e in fold.events])
    row.tags = dict(latest.tags)
    row.frames = [f.model_dump(mode="json") for f in latest.frames]
    row.last_event_id = latest.event_id


def _groups(session: Session, folds: dict[tuple[str, str], _Fold]) -> None:
    by_repo: dict[str, list[str]] = defaultdict(list)
    for repo, fingerprint in folds:
        by_repo[repo].append(fingerprint)
    existing: dict[tuple[str, str], ErrorGroupRow] = {}
    for repo, fingerprints in by_repo.items():
        query = select(ErrorGroupRow).where(ErrorGroupRow.repo == repo, ErrorGroupRow.fingerprint.in_(fingerprints))
        existing.update({(r.repo, r.fingerprint): r for r in session.scalars(query)})
    for key, fold in folds.items():
        row = existing.get(key)
        if row is None:
            row = _new_group(fold.events[0])
            session.add(row)
        _apply(row, fold)


def _counts(session: Session, folds: dict[tuple[str, str], _Fold]) -> None:
    rows = [
        {"repo": repo, "fingerprint": fp, "bucket": bucket, "count": n}
        for (repo, fp), fold in folds.items()
        for bucket, n in fold.buckets.items()
    ]
    if rows:
        stmt = insert_for(session, ErrorCountRow.__table__).values(rows)
        session.execute(
            stmt.on_conflict_do_update(
                index_elements=["repo", "fingerprint", "bucket"],
                set_={"count": ErrorCountRow.__table__.c.count + stmt.excluded.count},
            )
        )


def _samples(session: Session, folds: dict[tuple[str, str], _Fold], keep: int) -> None:
    rows = [
        {
            "repo": repo,
            "fingerprint": fp,
            "event_id": e.event_id,
            "received": e.received,
            "payload": e.model_dump(mode="json"),
        }
        for (repo, fp), fold in folds.items()
        for e in fold.events[-min(keep, SAMPLE_PER_BATCH) :]
    ]
    session.execute(insert(ErrorEventRow), rows)
    for repo, fp in folds:
        cutoff = session.scalar(
            select(ErrorEventRow.id)
            .where(ErrorEventRow.repo == repo, ErrorEventRow.fingerprint == fp)
            .order_by(ErrorEventRow.id.desc())
            .offset(keep)
            .limit(1)
        )
        if cutoff is not None:
            session.execute(
                delete(ErrorEventRow).where(
                    ErrorEventRow.repo == repo, ErrorEventRow.fingerprint == fp, ErrorEventRow.id <= cutoff
                )
            )


def _releases(session: Session, events: Sequence[ErrorEvent]) -> None:
    first: dict[tuple[str, str], datetime] = {}
    for e in events:
        if e.release:
            first.setdefault((e.repo, e.release), e.received)
    if first:
        rows = [{"repo": r, "release": rel, "first_seen": when} for (r, rel), when in first.items()]
        stmt = insert_for(session, ErrorReleaseRow.__table__).values(rows)
        session.execute(stmt.on_conflict_do_nothing(index_elements=["repo", "release"]))


def record_batch(session: Session, events: Sequence[ErrorEvent], *, bucket_s: int, keep: int) -> int:
    """Fold ``events`` (in arrival order) into groups, counts, samples and releases; returns groups touched."""
    if not events:  # a batch of only unreadable entries: nothing to write (an empty INSERT would fail)
        return 0
    folds: dict[tuple[str, str], _Fold] = defaultdict(_Fold)
    for event in events:
        fold = folds[(event.repo, event.fingerprint)]
        fold.events.append(event)
        fold.unhandled += event.handled is False
        fold.buckets[_bucket(event.received, bucket_s)] += 1
    _groups(session, folds)
    _counts(session, folds)
    _samples(session, folds, keep)
    _releases(session, events)
    return len(folds)
