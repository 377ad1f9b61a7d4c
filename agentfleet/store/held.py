"""A connection each process keeps checked out between the stage runner's back-to-back statements.

Checking a connection out of SQLAlchemy's pool and back costs about as much as a SQLite commit; a stage
runs a read and two writes, and the next stage usually follows within milliseconds. So ``Held`` keeps
one connection per thread between uses; one that sat idle for ``idle_s`` is pinged before it is used
again when it is a server's (``ping``; SQLAlchemy's pool does the same at checkout, ``store._ping_when_idle``).
"""

from __future__ import annotations

import os
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Dialect, Engine
from sqlalchemy.exc import DisconnectionError

from agentfleet.store.prepared import raise_driver_error

__all__ = ["Held", "ping"]

_INHERITED: list[Connection] = []
"""Connections a forked child inherited from its parent: never used or closed here (the parent owns them)."""


def ping(dialect: Dialect, dbapi_connection: Any) -> None:
    """Check a server connection; ``DisconnectionError`` when the server dropped it."""
    try:
        dialect.do_ping(dbapi_connection)
    except dialect.loaded_dbapi.Error as exc:
        if dialect.is_disconnect(exc, dbapi_connection, None):
            raise DisconnectionError(str(exc)) from exc
        raise


class Held:
    """One kept connection of ``engine`` per thread; ``use()`` ends each use's transaction (commit, or
    rollback and give the connection back when the body raised; on an autocommit engine each statement
    is its own transaction). The transaction is the driver connection's, so statements run on its
    cursors (``Prepared``) and through SQLAlchemy's ``Connection`` commit together."""

    def __init__(self, engine: Engine, idle_s: float, *, server: bool) -> None:
        self._engine = engine
        self._idle_s = idle_s
        self._server = server
        """Ping the connection after it sat idle (a server may have dropped it; a SQLite file cannot)."""
        self._slots: dict[int, tuple[Connection, float, int]] = {}
        """Thread id → its kept connection, when it was last given back, and the process that checked it out."""
        weakref.finalize(self, Held._close_all, self._slots)

    @contextmanager
    def use(self) -> Iterator[Connection]:
        """The thread's kept connection (or a fresh checkout), in a transaction committed on success."""
        conn = self._take()
        try:
            yield conn
            conn.commit()  # what ran through SQLAlchemy (a no-op when nothing did)
            self._commit_driver(conn)
        except BaseException:
            conn.close()  # rolls back and returns it to the pool, which resets it
            raise
        self._slots[threading.get_ident()] = (conn, time.monotonic(), os.getpid())

    @staticmethod
    def _commit_driver(conn: Connection) -> None:
        """Commit what ran on the driver connection's cursors (``Prepared``)."""
        dbapi_connection = conn.connection.dbapi_connection
        try:
            dbapi_connection.commit()  # type: ignore[union-attr]
        except conn.dialect.loaded_dbapi.Error as exc:
            raise_driver_error(conn, exc)

    def _take(self) -> Connection:
        kept = self._slots.pop(threading.get_ident(), None)
        if kept is not None:
            conn, since, pid = kept
            if pid != os.getpid():
                _INHERITED.append(conn)
            elif not self._server or time.monotonic() - since < self._idle_s or self._alive(conn):
                return conn
        return self._engine.connect()

    @staticmethod
    def _alive(conn: Connection) -> bool:
        try:
            ping(conn.dialect, conn.connection.dbapi_connection)
        except DisconnectionError:  # the server dropped it (a restart, a failover, an idle timeout): a new one
            conn.invalidate()
            conn.close()
            return False
        return True

    def close(self) -> None:
        """Give the kept connections back to the pool (before the engine is disposed)."""
        Held._close_all(self._slots)

    def forget(self) -> None:
        """In a forked child: drop the connections the parent kept, without using or closing them."""
        _INHERITED.extend(conn for conn, _, _ in self._slots.values())
        self._slots.clear()

    @staticmethod
    def _close_all(slots: dict[int, tuple[Connection, float, int]]) -> None:
        mine = [conn for conn, _, pid in slots.values() if pid == os.getpid()]
        _INHERITED.extend(conn for conn, _, pid in slots.values() if pid != os.getpid())
        slots.clear()
        for conn in mine:
            conn.close()
