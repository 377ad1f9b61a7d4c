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
    """A statement rendered for one dialect, with the bind processors its parameters need."""

    sql: str
    order: tuple[str, ...] | None
    """Parameter names in order for a positional parameter style; ``None``: named parameters."""
    processors: tuple[tuple[str, Callable[[Any], Any]], ...]

    @classmethod
    def of(cls, statement: ClauseElement, dialect: Dialect) -> Prepared:
        """Render ``statement`` for ``dialect`` (once: keep the result)."""
        compiled = statement.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        processors = (
            (name, bind.type.dialect_impl(dialect).bind_processor(dialect)) for name, bind in compiled.binds.items()
        )
        order = tuple(compiled.positiontup) if compiled.positiontup else None
        return cls(str(compiled), order, tuple((name, fn) for name, fn in processors if fn is not None))

    def params(self, values: dict[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        """``values`` (by parameter name) processed and in the driver's parameter style."""
        values = dict(values)
        for name, process in self.processors:
            values[name] = process(values[name])
        return values if self.order is None else tuple(values[name] for name in self.order)

    def run(self, conn: Connection, values: dict[str, Any]) -> Any:
        """Execute with ``values``; the driver-level result."""
        return conn.exec_driver_sql(self.sql, self.params(values))  # type: ignore[arg-type]

    def run_many(self, conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
        """Execute once per row of ``rows`` (the driver's ``executemany``)."""
        conn.exec_driver_sql(self.sql, [self.params(row) for row in rows])  # type: ignore[arg-type]
