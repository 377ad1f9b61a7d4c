"""The store: findings, work, deliveries and the ledger (SQLite by default, PostgreSQL by URL)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from agentfleet.store.base import Base, busy_is_transient

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


def _sqlite_pragmas(busy_ms: int) -> Callable[[Any, Any], None]:
    def connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return connect


class Store:
    """A database URL made ready: tables created, sessions on demand.

    A SQLite writer waits up to the URL's ``?timeout=`` seconds (default 30) for another one's lock; the store
    being busy past that (or a PostgreSQL lock timeout or deadlock) raises ``TransientError``.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = create_engine(url, future=True, pool_pre_ping=True)
        event.listen(self.engine, "handle_error", busy_is_transient)
        if self.engine.dialect.name == "sqlite":
            database = self.engine.url.database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            timeout = self.engine.url.query.get("timeout", "30")
            busy_s = float(timeout if isinstance(timeout, str) else timeout[-1])
            event.listen(self.engine, "connect", _sqlite_pragmas(int(busy_s * 1000)))
        for module in _TABLE_MODULES:
            importlib.import_module(module)
        Base.metadata.create_all(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error."""
        with self._sessions.begin() as session:
            yield session

    def dispose(self) -> None:
        """Close pooled connections (after fork, at shutdown)."""
        self.engine.dispose()


@lru_cache(maxsize=4)
def get_store(url: str) -> Store:
    """One ``Store`` per URL per process."""
    return Store(url)
