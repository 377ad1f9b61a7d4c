"""The store: findings, work, deliveries and the ledger (SQLite by default, PostgreSQL by URL)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

from agentfleet.store.base import Base

__all__ = ["Store", "get_store"]

_TABLE_MODULES = (
    "agentfleet.flow.fixers.agent.trajectory",
    "agentfleet.store.models",
    "agentfleet.ingest.tables",
    "agentfleet.forges.local_records",
)
"""Modules that define tables; each stage that needs its own table adds its module here."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Store:
    """A database URL made ready: tables created, sessions on demand."""

    def __init__(self, url: str) -> None:
        self.url = url
        # A server may drop idle connections (restart, failover): ping on checkout. A SQLite file cannot.
        remote = make_url(url).get_backend_name() != "sqlite"
        self.engine: Engine = create_engine(url, future=True, pool_pre_ping=remote)
        if self.engine.dialect.name == "sqlite":
            database = self.engine.url.database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            event.listen(self.engine, "connect", _sqlite_pragmas)
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
        """Close pooled connections (at shutdown)."""
        self.engine.dispose()

    def forget_connections(self) -> None:
        """In a forked child: drop the pooled connections inherited from the parent, without closing
        them (the parent still owns them); the child opens its own."""
        self.engine.dispose(close=False)


@lru_cache(maxsize=4)
def get_store(url: str) -> Store:
    """One ``Store`` per URL per process."""
    return Store(url)
