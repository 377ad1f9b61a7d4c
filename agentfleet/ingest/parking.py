"""Parked events: accepted entries the store refused, or that this version cannot read, kept aside in Redis.

A stream entry the grouper cannot write must not stall every event behind it, and must not be lost
either: it moves to the parked stream (``IngestConfig.parked_stream``) under its own stream id, with its
raw event JSON and why it was parked, and the grouper goes on. Parking is idempotent: a grouper that
died after parking and before moving its cursor parks the same id again, which Redis refuses as a
duplicate. ``replay`` puts entries back into the ingest stream (each one added there and deleted here
in one transaction) once their cause is fixed; ``agentfleet parked-errors`` lists and replays them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from redis.exceptions import ResponseError

from agentfleet.ingest.stream import FIELD

if TYPE_CHECKING:
    import redis

__all__ = ["WHY", "ParkedEntry", "park", "parked", "replay"]

log = logging.getLogger(__name__)

WHY = b"why"
"""The parked entry field saying why it was parked."""


@dataclass(frozen=True)
class ParkedEntry:
    """One parked event: its stream id, why it was parked, and the event JSON as ingest accepted it."""

    id: str
    why: str
    raw: bytes


def park(client: redis.Redis, stream: str, entry_id: str, raw: bytes, why: str) -> None:
    """Keep entry ``entry_id`` (event JSON ``raw``) in the parked ``stream`` with the reason ``why``."""
    try:
        client.xadd(stream, {FIELD: raw, WHY: why.encode()}, id=entry_id)
    except ResponseError as exc:
        if "equal or smaller" not in str(exc):
            raise
        return  # parked already, by a grouper that died before it moved its cursor
    log.error("grouper parked stream entry id=%s why=%s", entry_id, why)


def parked(client: redis.Redis, stream: str, *, count: int = 100) -> list[ParkedEntry]:
    """The oldest ``count`` parked entries."""
    entries: list[tuple[bytes, dict[bytes, bytes]]] = client.xrange(stream, count=count)  # type: ignore[assignment]
    return [
        ParkedEntry(entry_id.decode(), fields.get(WHY, b"").decode(errors="replace"), fields[FIELD])
        for entry_id, fields in entries
    ]


def replay(client: redis.Redis, parked_stream: str, ingest_stream: str, *, count: int = 1000) -> int:
    """Move up to ``count`` parked entries back to the end of ``ingest_stream``, oldest first; how many."""
    moved = 0
    for entry in parked(client, parked_stream, count=count):
        pipe = client.pipeline(transaction=True)
        pipe.xadd(ingest_stream, {FIELD: entry.raw})
        pipe.xdel(parked_stream, entry.id)
        pipe.execute()
        moved += 1
    return moved
