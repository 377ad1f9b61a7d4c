"""A tiny in-process event bus."""

from __future__ import annotations

from collections.abc import Callable

Handler = Callable[[dict], None]


class EventBus:
    """Handlers by event name, called in subscription order."""

    def __init__(self) -> None:
        self._handlers: dict[str, list[Handler]] = {}

    def subscribe(self, event: str, handler: Handler) -> None:
        self._handlers.setdefault(event, []).append(handler)

    def unsubscribe(self, event: str, handler: Handler) -> None:
        handlers = self._handlers.get(event, [])
        if handler in handlers:
            handlers.remove(handler)

    def publish(self, event: str, payload: dict) -> int:
        """Call every handler of ``event``; how many were called."""
        handlers = self._handlers.get(event, [])
        for handler in handlers:
            handler(payload)
        return len(handlers)
