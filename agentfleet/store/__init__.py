"""The store: findings, work, deliveries and the ledger (SQLite by default, PostgreSQL by URL)."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from agentfleet.store.base import Base, busy_is_transient, json_text
from agentfleet.store.held import Held, ping

__all__ = ["Store", "get_store"]

_TABLE_MODULES = (
    "agentfleet.flow.fixers.agent.trajectory",
    "agentfleet.store.models",
    "agentfleet.ingest.tables",
    "agentfleet.forges.local_records",
    "agentfleet.flow.monitors.docs_drift.state",
    "agentfleet.flow.monitors.coverage.audits",
    "agentfleet.store.verifications",
    "agentfleet.store.deploys",
    "agentfleet.flow.monitors.coverage.lines",
    "agentfleet.flow.monitors.quality.state",
)
"""Modules that define tables; each stage that needs its own table adds its module here."""

IDLE_PING_S = 1.0
"""A pooled server connection idle longer than this is pinged before use; one checked in a moment ago
(a stage's back-to-back transactions) is used as it is."""


def _sqlite_pragmas(busy_ms: int) -> Callable[[Any, Any], None]:
    def connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return connect


def _ping_when_idle(engine: Engine) -> None:
    """Check a server connection before use when it sat idle in the pool (restart, failover, idle timeouts).

    SQLAlchemy's ``pool_pre_ping`` pings on every checkout: a round trip per transaction, two per stage.
    """

    @event.listens_for(engine, "checkin")
    def _idle_from(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < IDLE_PING_S:
            return
        ping(engine.dialect, dbapi_connection)  # DisconnectionError: the pool connects again (up to 3 tries)


class Store:
    """A database URL made ready: tables created, sessions on demand.

    A SQLite writer waits up to the URL's ``?timeout=`` seconds (default 30) for another one's lock; the store
    being busy past that (or a PostgreSQL lock timeout or deadlock) raises ``TransientError``.
    """

    records = True
    """Whether writes are kept (``DryRunStore``: rolled back)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = create_engine(url, future=True, json_serializer=json_text)
        event.listen(self.engine, "handle_error", busy_is_transient)
        if self.engine.dialect.name != "sqlite":  # a server may drop connections; a SQLite file cannot
            _ping_when_idle(self.engine)
        else:
            database = self.engine.url.database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            timeout = self.engine.url.query.get("timeout", "30")
            busy_s = float(timeout if isinstance(timeout, str) else timeout[-1])
            event.listen(self.engine, "connect", _sqlite_pragmas(int(busy_s * 1000)))
        for module in _TABLE_MODULES:
            importlib.import_module(module)
        self._create_tables()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def _create_tables(self) -> None:
        """Create missing tables; a process that starts at the same moment may create one first (then look again:
        each lost race means one more table exists, so one pass per table always ends)."""
        attempts = len(Base.metadata.tables) + 1
        for attempt in range(attempts):
            try:
                Base.metadata.create_all(self.engine)
                return
            except DatabaseError as exc:  # another process created it first; checkfirst sees it on the next pass
                lost_race = any(m in str(exc.orig) for m in ("already exists", "duplicate key"))
                if attempt == attempts - 1 or not lost_race:
                    raise

    @cached_property
    def autocommit(self) -> Engine:
        """An engine whose connections run each statement as its own transaction, for the stage runner's
        one-statement steps (PostgreSQL: no BEGIN/COMMIT round trips, one more connection per process,
        ``held``). On SQLite the store's engine: its driver runs a SELECT outside any transaction anyway."""
        if self.engine.dialect.name == "sqlite":
            return self.engine
        engine = create_engine(self.url, future=True, isolation_level="AUTOCOMMIT", json_serializer=json_text)
        event.listen(engine, "handle_error", busy_is_transient)
        _ping_when_idle(engine)
        return engine

    @cached_property
    def held(self) -> Held:
        """The connection the stage runner keeps between its back-to-back statements (``store/hops.py``), on
        ``autocommit``'s engine: ``with store.held.use() as conn``."""
        return Held(self.autocommit, IDLE_PING_S, server=self.engine.dialect.name != "sqlite")

    def _engines(self) -> list[Engine]:
        return [self.engine, *([self.__dict__["autocommit"]] if "autocommit" in self.__dict__ else [])]

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error."""
        with self._sessions.begin() as session:
            yield session

    def dispose(self) -> None:
        """Close pooled connections (at shutdown)."""
        if "held" in self.__dict__:
            self.held.close()
        for engine in set(self._engines()):
            engine.dispose()

    def forget_connections(self) -> None:
        """In a forked child: drop the pooled connections inherited from the parent, without closing
        them (the parent still owns them); the child opens its own."""
        if "held" in self.__dict__:
            self.held.forget()
        for engine in set(self._engines()):
            engine.dispose(close=False)


@lru_cache(maxsize=4)
def get_store(url: str) -> Store:
    """One ``Store`` per URL per process."""
    return Store(url)
