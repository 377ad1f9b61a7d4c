"""Background teardown: a closed sandbox's processes are dead at once; its files and container go here.

Removing a container (~100 ms) or unmounting and deleting a box is off the caller's path. Pending
removals finish before the interpreter exits; if the process is killed first, the reaper removes
what is left at the next worker start (the owner is dead by then).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

__all__ = ["drain", "later"]

log = logging.getLogger(__name__)

_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="sandbox-cleanup")
_pending: set[Future[Any]] = set()
_lock = threading.Lock()


def _run(fn: Callable[..., Any], *args: Any) -> None:
    try:
        fn(*args)
    except Exception as exc:  # teardown must never raise into a caller; the reaper retries later
        log.warning("sandbox cleanup %s failed: %s", getattr(fn, "__qualname__", fn), exc)


def later(fn: Callable[..., Any], *args: Any) -> None:
    """Run ``fn(*args)`` in the background (inline when the interpreter is shutting down)."""
    try:
        future = _executor.submit(_run, fn, *args)
    except RuntimeError:  # "cannot schedule new futures after interpreter shutdown"
        _run(fn, *args)
        return
    with _lock:
        _pending.add(future)
    future.add_done_callback(_forget)


def _forget(future: Future[Any]) -> None:
    with _lock:
        _pending.discard(future)


def drain(timeout: float = 60.0) -> None:
    """Wait until every teardown scheduled so far has finished."""
    with _lock:
        pending = list(_pending)
    for future in pending:
        future.result(timeout)
