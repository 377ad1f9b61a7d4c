"""The grouper: drains the ingest stream into the error tables, exactly once per accepted event.

The store keeps a cursor (the last stream id written) and moves it in the same transaction as the
rows a batch produced, by compare-and-set: a crash before the commit re-reads the batch, a crash
after it skips it, and two drainers racing cannot both count one batch. Written entries are then
trimmed from the stream.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any, cast

from pydantic import ValidationError
from sqlalchemy import CursorResult, update
from sqlalchemy.orm import Session

from agentfleet.ingest.config import IngestConfig
from agentfleet.ingest.event import ErrorEvent
from agentfleet.ingest.record import record_batch
from agentfleet.ingest.stream import read_after, trim_through
from agentfleet.ingest.tables import ErrorCursorRow
from agentfleet.store import Store
from agentfleet.store.upsert import insert_for

if TYPE_CHECKING:
    import redis

__all__ = ["CursorMoved", "drain", "run_grouper"]

log = logging.getLogger(__name__)


class CursorMoved(Exception):
    """Another drainer wrote this batch first; this one rolled back."""


def _cursor(store: Store, stream: str) -> str | None:
    with store.session() as session:
        row = session.get(ErrorCursorRow, stream)
        return row.last_id if row else None


def _move_cursor(session: Session, stream: str, old: str | None, new: str) -> None:
    if old is None:  # RETURNING, not rowcount: psycopg reports -1 for an INSERT … ON CONFLICT here
        stmt = insert_for(session, ErrorCursorRow.__table__).values(stream=stream, last_id=new)
        returned = stmt.on_conflict_do_nothing(index_elements=["stream"]).returning(ErrorCursorRow.stream)
        moved = session.execute(returned).scalar_one_or_none() is None
    else:
        result = session.execute(
            update(ErrorCursorRow)
            .where(ErrorCursorRow.stream == stream, ErrorCursorRow.last_id == old)
            .values(last_id=new)
        )
        moved = cast("CursorResult[Any]", result).rowcount != 1
    if moved:
        raise CursorMoved(f"cursor of {stream} moved past {old}")


def _parse(entries: list[tuple[str, bytes]]) -> list[ErrorEvent]:
    events = []
    for entry_id, raw in entries:
        try:
            events.append(ErrorEvent.model_validate_json(raw))
        except ValidationError as exc:  # written by an incompatible ingest version: keep going, say so
            log.error("grouper skipped unreadable stream entry id=%s error=%s", entry_id, exc.errors()[0]["msg"])
    return events


def drain(store: Store, client: redis.Redis, config: IngestConfig, *, max_events: int | None = None) -> int:
    """Group what waits in the stream (up to ``max_events``); returns how many events were written."""
    total = 0
    while max_events is None or total < max_events:
        last = _cursor(store, config.stream)
        entries = read_after(client, config.stream, last, config.batch_size)
        if not entries:
            break
        events = _parse(entries)
        try:
            with store.session() as session:
                groups = record_batch(session, events, bucket_s=config.bucket_s, keep=config.events_per_group)
                _move_cursor(session, config.stream, last, entries[-1][0])
        except CursorMoved:
            log.info("grouper yielded: another drainer wrote the batch after %s", last)
            break
        trim_through(client, config.stream, entries[-1][0])
        total += len(events)
        log.debug("grouper wrote events=%d groups=%d through=%s", len(events), groups, entries[-1][0])
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
