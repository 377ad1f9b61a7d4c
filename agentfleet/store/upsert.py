"""Dialect-aware ``INSERT … ON CONFLICT`` for the two stores we support."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

__all__ = ["insert_for", "insert_on"]


def insert_for(session: Session, table: Any) -> Any:
    """An ``insert(table)`` that supports ``on_conflict_do_*`` on SQLite and PostgreSQL."""
    return insert_on(session.get_bind().dialect.name, table)


def insert_on(dialect: str, table: Any) -> Any:
    """``insert_for`` by dialect name (for statements built once per dialect)."""
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"store dialect {dialect!r} is not supported (use SQLite or PostgreSQL)")
