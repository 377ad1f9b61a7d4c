"""Writers of one SQLite file take turns in a queue the kernel keeps, not in SQLite's busy handler.

SQLite lets one connection write at a time. A writer that finds the write lock taken waits in its busy
handler, which sleeps — 1 ms, then 2, 5, 10 ms — and tries again; it is not woken when the lock is
released. A stage's write holds the lock for a tenth of a millisecond, so the workers of a busy fleet
collide on most chains and every collision costs a millisecond or more of nothing. The stage runner's
writes first take a turn here: an exclusive ``flock`` on a file beside the database, which the kernel
hands to the next waiter the moment the holder lets go. Other writers (the ORM's) still meet SQLite's
own lock and its busy timeout, as before; the turn only orders the hop path's writers among themselves.

A waiter asks again every 50 µs to 0.5 ms (a turn lasts a tenth of a millisecond), and gives up with the
store's busy error after the same timeout SQLite would wait: a writer stopped while holding its turn
(a debugger, SIGSTOP) makes the others retry later, not hang. A process that dies lets go at once.
"""

from __future__ import annotations

import errno
import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from agentfleet.core.errors import TransientError

__all__ = ["Turns"]

_opening = threading.Lock()
"""Held while a process's first thread opens its turns (its threads must share one lock file and lock)."""


def _new_process() -> None:
    global _opening  # a forked child's copy may have been held by another thread of the parent
    _opening = threading.Lock()


os.register_at_fork(after_in_child=_new_process)


class Turns:
    """One writer at a time among the processes (and threads) that use ``path``'s turns."""

    def __init__(self, path: Path, wait_s: float) -> None:
        self.path = path
        self.wait_s = wait_s
        """How long a writer waits for its turn before the store counts as busy (SQLite's busy timeout)."""
        self._mine: tuple[int, threading.Lock, int] | None = None
        """This process's lock file descriptor, the lock its threads share (``flock`` orders open files, not
        threads) and its pid. A forked child makes its own: a descriptor inherited across ``fork`` shares
        its lock with the parent's, and a thread lock may have been held when the parent forked."""

    def _own(self) -> tuple[int, threading.Lock]:
        mine = self._mine
        if mine is None or mine[2] != os.getpid():
            with _opening:
                mine = self._mine
                if mine is None or mine[2] != os.getpid():
                    fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
                    mine = self._mine = (fd, threading.Lock(), os.getpid())
        return mine[0], mine[1]

    @contextmanager
    def turn(self) -> Iterator[None]:
        """Hold the write turn for the body (a transaction and its commit)."""
        fd, threads = self._own()
        with threads:
            self._take(fd)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)

    def _take(self, fd: int) -> None:
        deadline, pause = None, 50e-6
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                    raise
            now = time.monotonic()
            deadline = deadline or now + self.wait_s
            if now >= deadline:
                raise TransientError(
                    f"the store is busy (another writer held its turn for {self.wait_s:g} s, {self.path}): "
                    "retrying later. If it keeps happening, look for a stopped worker or raise the wait "
                    "(SQLite: ?timeout=<seconds> on the database URL, default 30)"
                )
            time.sleep(pause)
            pause = min(pause * 2, 5e-4)
