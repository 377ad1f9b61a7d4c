"""A Redis broker transport that drops, instead of dying on, a message that is not a task envelope.

Stock kombu decodes the envelope inside the worker's event loop; a non-JSON message on a queue
raises there and stops the whole worker ("Unrecoverable error: JSONDecodeError", celery#4308,
kombu#2421). This transport logs the message as dropped and keeps consuming. The message is
already off the list (BRPOP) and never entered the unacked set, so nothing else is affected.
"""

from __future__ import annotations

import logging
from queue import Empty
from typing import Any

from kombu.transport import TRANSPORT_ALIASES, redis

__all__ = ["SCHEME", "Transport", "broker_url"]

log = logging.getLogger(__name__)

SCHEME = "agentfleet-redis"
"""The URL scheme under which kombu finds this transport."""


class Channel(redis.Channel):  # type: ignore[misc]
    """kombu's Redis channel, minus the crash on undecodable messages."""

    def _brpop_read(self, **options: Any) -> Any:
        try:
            return super()._brpop_read(**options)
        except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            log.error("dropped a broker message that is not a task envelope: %s", exc)
            raise Empty() from None

    def _get(self, queue: str, *args: Any) -> Any:
        try:
            return super()._get(queue, *args)
        except ValueError as exc:
            log.error("dropped a message on queue %s that is not a task envelope: %s", queue, exc)
            raise Empty() from None


class Transport(redis.Transport):  # type: ignore[misc]
    """kombu's Redis transport with the guarded channel."""

    Channel = Channel


TRANSPORT_ALIASES.setdefault(SCHEME, f"{__name__}:Transport")


def broker_url(redis_url: str) -> str:
    """The broker URL for ``redis_url``: plain ``redis://`` goes through the guarded transport.

    ``rediss://`` (TLS) is left to kombu's own transport, which handles its SSL options.
    """
    if redis_url.startswith("redis://"):
        return SCHEME + redis_url[len("redis") :]
    return redis_url
