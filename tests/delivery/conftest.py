"""Fixtures for the delivery suites; every test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from support import BOTH_STORES, database_for

from delivery.kit import make_fleet  # noqa: F401 (fixture)


@pytest.fixture(params=BOTH_STORES)
def database_url(request: pytest.FixtureRequest) -> str | None:
    """SQLite in the data dir, or a fresh PostgreSQL database."""
    return database_for(request)
