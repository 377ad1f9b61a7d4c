"""A statement SQLAlchemy renders once per dialect and the hot path runs on the driver's own cursor.

The stage runner runs a few statements per stage on every hop of every job. SQLAlchemy renders each
once (``of``) with the bind processor of every parameter, so values are stored exactly as the ORM
stores them; each run then goes straight to a DBAPI cursor of the kept connection (``Store.held``),
skipping what even ``exec_driver_sql`` costs per call (an execution context, a result wrapper with
its column metadata: about a third of a stage's store time on SQLite). A driver error is raised as
SQLAlchemy raises it (``raise_driver_error``): wrapped, a busy store as ``TransientError``, a connection the
server dropped invalidated. Execution events (``before_cursor_execute``) do not see these statements.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from sqlalchemy import Connection, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

from agentfleet.store.base import transient

__all__ = ["Prepared", "raise_driver_error"]


def raise_driver_error(conn: Connection, exc: Exception, sql: str = "", params: Any = None) -> NoReturn:
    """Raise ``exc``, a DBAPI error of ``conn``'s driver, as SQLAlchemy would have: ``TransientError`` when
    the store was busy, else SQLAlchemy's wrapped error; a connection the server dropped is invalidated first."""
    dialect = conn.dialect
    if dialect.is_disconnect(exc, conn.connection.dbapi_connection, None):  # type: ignore[arg-type]
        conn.invalidate(exc)
    error = DBAPIError.instance(sql, params, exc, dialect.loaded_dbapi.Error, dialect=dialect)
    busy = transient(error)
    if busy is not None:
        raise busy from error
    raise error from exc


@dataclass(frozen=True)
class Prepared:
    """A statement rendered for one dialect, with the bind processor each parameter needs."""

    sql: str
    slots: tuple[tuple[str, Callable[[Any], Any] | None], ...]
    """Each parameter's name and processor, in order (the order counts for a positional parameter style)."""
    positional: bool

    @classmethod
    def of(cls, statement: ClauseElement, dialect: Dialect) -> Prepared:
        """Render ``statement`` for ``dialect`` (once: keep the result)."""
        compiled = statement.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        names = compiled.positiontup or list(compiled.binds)
        slots = tuple((name, compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)) for name in names)
        return cls(str(compiled), slots, bool(compiled.positiontup))

    def params(self, values: dict[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        """``values`` (by parameter name) processed and in the driver's parameter style."""
        if self.positional:
            return tuple(values[name] if fn is None else fn(values[name]) for name, fn in self.slots)
        return {name: values[name] if fn is None else fn(values[name]) for name, fn in self.slots}

    def run(self, conn: Connection, values: dict[str, Any]) -> Any:
        """Execute with ``values``; the DBAPI cursor (``fetchone()``, …)."""
        return self.execute(conn, self.params(values))

    def execute(self, conn: Connection, params: tuple[Any, ...] | dict[str, Any]) -> Any:
        """Execute with ``params`` already processed (``params``), in the transaction ``conn``'s driver
        connection is in; the DBAPI cursor. A caller that holds a lock while it executes does the
        processing before it takes the lock."""
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(self.sql, params)
        except conn.dialect.loaded_dbapi.Error as exc:
            raise_driver_error(conn, exc, self.sql, params)
        return cursor

    def execute_many(self, conn: Connection, rows: Sequence[tuple[Any, ...] | dict[str, Any]]) -> None:
        """Execute once per processed row of ``rows`` (the driver's ``executemany``)."""
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.executemany(self.sql, list(rows))  # type: ignore[arg-type]
        except conn.dialect.loaded_dbapi.Error as exc:
            raise_driver_error(conn, exc, self.sql, rows)
