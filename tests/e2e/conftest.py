"""Every test here runs on SQLite and on PostgreSQL (the store a multi-machine fleet must use)."""

from __future__ import annotations

import pytest
from support import BOTH_STORES, database_for


@pytest.fixture(params=BOTH_STORES)
def database_url(request: pytest.FixtureRequest) -> str | None:
    """SQLite in the data dir, or a fresh PostgreSQL database."""
    return database_for(request)
