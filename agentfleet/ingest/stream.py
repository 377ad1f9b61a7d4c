"""The ingest stream in Redis: events are appended (durably, before the 200) and read back by the grouper.

Appending is one atomic script call: it refuses when the backlog is full, so a stalled grouper
turns into 429s for the SDKs (which back off) instead of unbounded Redis memory.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING

from redis.asyncio import Redis as AsyncRedis

if TYPE_CHECKING:
    import redis

__all__ = ["BacklogFull", "StreamWriter", "after", "read_after", "trim_through"]

_APPEND = """
if redis.call('XLEN', KEYS[1]) >= tonumber(ARGV[1]) then return -1 end
for i = 2, #ARGV do redis.call('XADD', KEYS[1], '*', 'e', ARGV[i]) end
return #ARGV - 1
"""
_GROUP_MAX = 256
"""Requests carried by one group-commit script call."""
FIELD = b"e"
"""The stream entry field holding one ``ErrorEvent`` as JSON."""


class BacklogFull(Exception):
    """The stream holds ``max_backlog`` events already; the grouper is behind."""


class StreamWriter:
    """Appends events to the stream from the async ingest app, committing concurrent requests together.

    Requests that arrive while a write is in flight wait for the next one, which carries all of
    them in one script call (group commit); each request still gets its answer only after its
    own events are in Redis.
    """

    def __init__(self, url: str, stream: str, max_backlog: int) -> None:
        self.client = AsyncRedis.from_url(url)
        self.stream = stream
        self.max_backlog = max_backlog
        self._append = self.client.register_script(_APPEND)
        self._pending: list[tuple[Sequence[str], asyncio.Future[int]]] = []
        self._flusher: asyncio.Task[None] | None = None

    async def append(self, payloads: Sequence[str]) -> int:
        """Append ``payloads`` (all or none); ``BacklogFull`` when the stream is at its cap."""
        done: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._pending.append((payloads, done))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush())
        return await done

    async def _flush(self) -> None:
        while self._pending:
            batch, self._pending = self._pending[:_GROUP_MAX], self._pending[_GROUP_MAX:]
            args = [payload for payloads, _ in batch for payload in payloads]
            try:
                added = int(await self._append(keys=[self.stream], args=[self.max_backlog, *args]))
            except Exception as exc:  # every request in the batch gets the failure (Redis away, ...)
                for _, done in batch:
                    done.set_exception(exc)
                continue
            for payloads, done in batch:
                if added < 0:
                    done.set_exception(BacklogFull(f"{self.max_backlog} events are waiting to be grouped"))
                else:
                    done.set_result(len(payloads))

    async def close(self) -> None:
        """Close the connection pool."""
        await self.client.aclose()


def read_after(client: redis.Redis, stream: str, last_id: str | None, count: int) -> list[tuple[str, bytes]]:
    """Up to ``count`` entries after ``last_id`` (from the start when ``None``): ``(id, event JSON)``."""
    entries: list[tuple[bytes, dict[bytes, bytes]]] = client.xrange(  # type: ignore[assignment]
        stream, min=f"({last_id}" if last_id else "-", max="+", count=count
    )
    return [(entry_id.decode(), fields[FIELD]) for entry_id, fields in entries]


def after(entry_id: str) -> str:
    """The smallest stream id greater than ``entry_id``."""
    ms, _, seq = entry_id.partition("-")
    return f"{ms}-{int(seq or 0) + 1}"


def trim_through(client: redis.Redis, stream: str, entry_id: str) -> None:
    """Delete every entry up to and including ``entry_id`` (it is recorded in the store)."""
    client.xtrim(stream, minid=after(entry_id), approximate=False)
