"""A warm pool per worker process: empty, started sandboxes kept ready, refilled in the background.

A pooled box has no repository yet (the checkout happens host-side on acquire), so one pool serves
every repo that runs on the same image. ``AGENTFLEET_SANDBOX__POOL_SIZE=0`` (the default) disables it.
Idle boxes are labelled with their owner like any other, so the reaper removes them if the worker dies.
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections.abc import Callable, Hashable
from typing import Generic, Protocol, TypeVar

from agentfleet.sandboxes.config import SandboxConfig

__all__ = ["WarmPool", "close_pools", "pool_for"]

log = logging.getLogger(__name__)


class _Box(Protocol):
    def discard(self) -> None: ...


B = TypeVar("B", bound=_Box)


class WarmPool(Generic[B]):
    """Up to ``size`` ready boxes made by ``make``."""

    def __init__(self, size: int, make: Callable[[], B]) -> None:
        self.size = size
        self.make = make
        self._ready: list[B] = []
        self._lock = threading.Lock()
        self._filling: threading.Thread | None = None
        self._closed = False

    def acquire(self) -> B:
        """A ready box if there is one (made now otherwise); a refill starts in the background."""
        with self._lock:
            box = self._ready.pop() if self._ready else None
        self._refill_soon()
        return box if box is not None else self.make()

    def warm(self) -> None:
        """Start filling the pool in the background."""
        self._refill_soon()

    def _refill_soon(self) -> None:
        with self._lock:
            if self._closed or (self._filling is not None and self._filling.is_alive()):
                return
            self._filling = threading.Thread(target=self._fill, name="sandbox-pool", daemon=True)
            self._filling.start()

    def _fill(self) -> None:
        while True:
            with self._lock:
                if self._closed or len(self._ready) >= self.size:
                    return
            try:
                box = self.make()
            except Exception as exc:  # a refill failure must not break the worker; acquire() retries inline
                log.warning("sandbox pool refill failed: %s", exc)
                return
            with self._lock:
                if self._closed:
                    box.discard()
                    return
                self._ready.append(box)

    def ready(self) -> int:
        """Boxes waiting right now."""
        with self._lock:
            return len(self._ready)

    def close(self) -> None:
        """Discard every idle box (waiting for a refill in flight); later acquires make boxes directly."""
        with self._lock:
            self._closed = True
            filling = self._filling
        if filling is not None:
            filling.join(120)
        with self._lock:
            boxes, self._ready = self._ready, []
        for box in boxes:
            box.discard()


_pools: dict[Hashable, WarmPool[_Box]] = {}
_pools_lock = threading.Lock()


def pool_for(config: SandboxConfig, key: Hashable, make: Callable[[], B]) -> WarmPool[B] | None:
    """This process's pool for ``key`` (``None`` when ``config.pool_size`` is 0)."""
    if config.pool_size == 0:
        return None
    with _pools_lock:
        pool = _pools.get(key)
        if pool is None or pool._closed:
            pool = _pools[key] = WarmPool(config.pool_size, make)
    return pool  # type: ignore[return-value]


def close_pools() -> None:
    """Discard every idle box of every pool (at exit, and in tests)."""
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        pool.close()


atexit.register(close_pools)
