"""The store as a dry run sees it: every read as usual, every write rolled back.

``agentfleet audit --dry-run`` promises to record nothing, yet a monitor's ``scan`` keeps its own state as it
goes (a coverage baseline, measured lines, a ledger row for a red suite). Rather than each monitor checking a
flag, the dry run hands it this store: a monitor's writes still run (so a constraint a real run would break
fails here too) and are then rolled back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from agentfleet.store import Store

__all__ = ["DryRunStore"]


class DryRunStore(Store):
    """``store``'s engine and tables; sessions that flush, then roll back. ``records`` is ``False`` so code with
    side effects outside the store (draining the ingest stream into it) can tell it must not run."""

    records = False

    def __init__(self, store: Store) -> None:  # shares the engine: no second pool, no table creation
        self.url, self.engine, self._sessions = store.url, store.engine, store._sessions

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose writes are flushed (checked by the database) and never committed."""
        with self._sessions() as session:
            try:
                yield session
                session.flush()
            finally:
                session.rollback()
