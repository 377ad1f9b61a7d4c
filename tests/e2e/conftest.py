"""Every test here runs on SQLite and on PostgreSQL (the store a multi-machine fleet must use)."""

from __future__ import annotations

import pytest
from support import database_for

GROUPER_ON_POSTGRES = pytest.mark.xfail(
    strict=True,
    reason="the ingest grouper's first cursor write reads rowcount -1 on PostgreSQL (INSERT … ON CONFLICT through "
    "the ORM session) and yields forever: the ingest owner's RETURNING fix; remove this mark when it is in",
)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=GROUPER_ON_POSTGRES)])
def database_url(request: pytest.FixtureRequest) -> str | None:
    """SQLite in the data dir, or a fresh PostgreSQL database."""
    return database_for(request)
