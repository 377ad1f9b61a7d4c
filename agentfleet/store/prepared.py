"""A statement SQLAlchemy renders once per dialect and the hot path runs on the driver.

``exec_driver_sql`` keeps SQLAlchemy's error handling, events and pooling, and skips what a per-call
Core or ORM statement costs (building it, its cache key, the compiled cache, result processing);
the bind processors are SQLAlchemy's own, so values are stored exactly as the ORM stores them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

__all__ = ["Prepared"]


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
        """Execute with ``values``; the driver-level result."""
        return self.execute(conn, self.params(values))

    def execute(self, conn: Connection, params: tuple[Any, ...] | dict[str, Any]) -> Any:
        """Execute with ``params`` already processed (``params``): a caller that holds a lock while it
        executes does the processing before it takes the lock."""
        return conn.exec_driver_sql(self.sql, params)  # type: ignore[arg-type]

    def execute_many(self, conn: Connection, rows: Sequence[tuple[Any, ...] | dict[str, Any]]) -> None:
        """Execute once per processed row of ``rows`` (the driver's ``executemany``)."""
        conn.exec_driver_sql(self.sql, list(rows))  # type: ignore[arg-type]
