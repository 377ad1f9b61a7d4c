"""The grouper: drains the ingest stream into the error tables, exactly once per accepted event.

The store keeps a cursor (the last stream id written) and moves it in the same transaction as the
rows a batch produced, by compare-and-set: a crash before the commit re-reads the batch, a crash
after it skips it, and two drainers racing cannot both count one batch. Written entries are then
trimmed from the stream. An entry the store refuses (or this version cannot read) is parked, not
retried forever: a refused batch is written again an event per transaction, and only the events the
store still refuses move to the parked stream (``parking``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from sqlalchemy import update
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, StatementError
from sqlalchemy.orm import Session

from agentfleet.ingest.config import IngestConfig
from agentfleet.ingest.event import ErrorEvent
from agentfleet.ingest.parking import park
from agentfleet.ingest.record import record_batch
from agentfleet.ingest.stream import read_after, trim_through
from agentfleet.ingest.tables import ErrorCursorRow
from agentfleet.store import Store
from agentfleet.store.upsert import insert_for

if TYPE_CHECKING:
    import redis

__all__ = ["CursorMoved", "drain", "run_grouper"]

log = logging.getLogger(__name__)

Entry = tuple[str, bytes, ErrorEvent]
"""A readable stream entry: its id, its raw JSON and the event."""


class CursorMoved(Exception):
    """Another drainer wrote this batch first; this one rolled back."""


def _cursor(store: Store, stream: str) -> str | None:
    with store.session() as session:
        row = session.get(ErrorCursorRow, stream)
        return row.last_id if row else None


def _move_cursor(session: Session, stream: str, old: str | None, new: str) -> None:
    """Move the cursor from ``old`` to ``new`` by compare-and-set (RETURNING says whether it moved: a
    row count cannot, as PostgreSQL drivers report -1 for ``ON CONFLICT DO NOTHING``)."""
    stmt: Any
    if old is None:
        stmt = (
            insert_for(session, ErrorCursorRow.__table__)
            .values(stream=stream, last_id=new)
            .on_conflict_do_nothing(index_elements=["stream"])
        )
    else:
        stmt = (
            update(ErrorCursorRow)
            .where(ErrorCursorRow.stream == stream, ErrorCursorRow.last_id == old)
            .values(last_id=new)
        )
    if session.execute(stmt.returning(ErrorCursorRow.stream)).first() is None:
        raise CursorMoved(f"cursor of {stream} moved past {old}")


def _refused(exc: Exception) -> bool:
    """The store turned the data down (too long, bad bytes, a constraint), as opposed to being unreachable."""
    if isinstance(exc, DataError | IntegrityError | ValueError):
        return True
    return isinstance(exc, StatementError) and not isinstance(exc, DBAPIError)  # no bind processor takes it


def _reason(exc: Exception) -> str:
    cause = getattr(exc, "orig", None) or exc
    return f"the store refused it: {type(cause).__name__}: {str(cause).strip().splitlines()[0][:300]}"


def _runs(entries: list[tuple[str, bytes]]) -> Iterator[tuple[list[Entry], tuple[str, bytes, str] | None]]:
    """``entries`` cut at each one this version cannot read (an incompatible ingest wrote it): every run of
    readable entries, followed by the unreadable entry that ended it (``(id, raw, why)``) or ``None``."""
    run: list[Entry] = []
    for entry_id, raw in entries:
        try:
            run.append((entry_id, raw, ErrorEvent.model_validate_json(raw)))
        except ValidationError as exc:
            yield run, (entry_id, raw, f"unreadable: {exc.errors()[0]['msg']}")
            run = []
    yield run, None


def _one_by_one(store: Store, client: redis.Redis, config: IngestConfig, last: str | None, run: list[Entry]) -> int:
    """Write ``run`` an entry per transaction, parking each one the store refuses; how many were written."""
    written = 0
    for entry_id, raw, event in run:
        try:
            with store.session() as session:
                record_batch(session, [event], bucket_s=config.bucket_s, keep=config.events_per_group)
                _move_cursor(session, config.stream, last, entry_id)
            written += 1
        except Exception as exc:  # which errors mean "refused" is _refused's to say; the rest propagate
            if not _refused(exc):
                raise
            _park(store, client, config, last, (entry_id, raw, _reason(exc)))
        last = entry_id
    return written


def _park(
    store: Store, client: redis.Redis, config: IngestConfig, last: str | None, entry: tuple[str, bytes, str]
) -> None:
    """Park ``entry`` (``(id, raw, why)``), then move the cursor past it: parked first, so it is never lost."""
    park(client, config.parked_stream, *entry)
    with store.session() as session:
        _move_cursor(session, config.stream, last, entry[0])


def _write_run(store: Store, client: redis.Redis, config: IngestConfig, last: str | None, run: list[Entry]) -> int:
    """Write ``run`` in one transaction that moves the cursor through it; event by event if the store refuses."""
    try:
        with store.session() as session:
            events = [event for _, _, event in run]
            record_batch(session, events, bucket_s=config.bucket_s, keep=config.events_per_group)
            _move_cursor(session, config.stream, last, run[-1][0])
        return len(run)
    except Exception as exc:  # which errors mean "refused" is _refused's to say; the rest propagate
        if not _refused(exc):
            raise
        log.warning("grouper: the store refused a batch after %s (%s); writing it event by event", last, _reason(exc))
    return _one_by_one(store, client, config, last, run)


def _write(
    store: Store, client: redis.Redis, config: IngestConfig, last: str | None, entries: list[tuple[str, bytes]]
) -> int:
    """Write one batch of stream entries and move the cursor through it, in order; how many events were written.

    Parked entries are parked in stream order, each before the cursor passes it.
    """
    written = 0
    for run, unreadable in _runs(entries):
        if run:
            written += _write_run(store, client, config, last, run)
            last = run[-1][0]
        if unreadable:
            _park(store, client, config, last, unreadable)
            last = unreadable[0]
    return written


def drain(store: Store, client: redis.Redis, config: IngestConfig, *, max_events: int | None = None) -> int:
    """Group what waits in the stream (up to ``max_events``); returns how many events were written.

    Entries this version cannot read, and entries the store refuses, are parked (see ``parking``).
    """
    total = 0
    while max_events is None or total < max_events:
        last = _cursor(store, config.stream)
        entries = read_after(client, config.stream, last, config.batch_size)
        if not entries:
            break
        try:
            written = _write(store, client, config, last, entries)
        except CursorMoved:
            log.info("grouper yielded: another drainer wrote the batch after %s", last)
            break
        trim_through(client, config.stream, entries[-1][0])
        total += written
        log.debug("grouper wrote events=%d through=%s", written, entries[-1][0])
    return total


def run_grouper(
    store: Store, client: redis.Redis, config: IngestConfig, stop: threading.Event, *, idle_s: float = 0.25
) -> None:
    """Drain until ``stop`` is set; after a part-full batch it pauses ``idle_s`` so batches stay large
    (grouping lags by at most that much). Store and Redis outages are logged and waited out."""
    log.info("grouper started stream=%s", config.stream)
    while not stop.is_set():
        try:
            written = drain(store, client, config, max_events=config.batch_size * 10)
        except Exception as exc:  # a service loop: log, back off, keep the process alive
            log.warning("grouper error=%s: %s; retrying in 1s", type(exc).__name__, exc)
            stop.wait(1.0)
            continue
        if written < config.batch_size:
            stop.wait(idle_s)
    log.info("grouper stopped")
