"""Ingest fixtures: a fleet with one DSN key, a context on the real Redis, the app under a test client.
Every test that takes ``database_url`` runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from errors_kit import KEY
from starlette.testclient import TestClient
from support import BOTH_STORES, database_for

from agentfleet.core.context import Context
from agentfleet.core.settings import Settings
from agentfleet.ingest.app import create_app
from agentfleet.ingest.config import IngestConfig

FLEET = f"""
[[repos]]
name = "svc"
location = "svc"
[repos.errors]
dsn_keys = ["{KEY}"]
"""


@pytest.fixture(params=BOTH_STORES)
def database_url(request: pytest.FixtureRequest) -> str | None:
    """SQLite in the data dir, or a fresh PostgreSQL database."""
    return database_for(request)


@pytest.fixture
def make_ctx(
    tmp_path: Path, redis_url: str, write_fleet: Callable[[str], Path], database_url: str | None
) -> Iterator[Callable[..., Context]]:
    """Factory: a context on the real Redis and each store backend, with the one-key fleet (or ``fleet``) and
    ingest settings."""
    made: list[Context] = []

    def make(fleet: str = FLEET, **ingest: Any) -> Context:
        write_fleet(fleet)
        settings = Settings(
            data_dir=tmp_path / ".agentfleet",
            fleet_file=tmp_path / "fleet.toml",
            redis_url=redis_url,
            database_url=database_url,
            ingest=IngestConfig(**ingest),
        )
        made.append(Context.from_settings(settings))
        return made[-1]

    yield make
    for ctx in made:
        ctx.store.dispose()


@pytest.fixture
def ingest_ctx(make_ctx: Callable[..., Context]) -> Context:
    """The default context: one repo ``svc`` owning the test DSN key."""
    return make_ctx()


@pytest.fixture
def client(ingest_ctx: Context) -> Iterator[TestClient]:
    """The ingest app on ``ingest_ctx``, served in-process."""
    with TestClient(create_app(ingest_ctx)) as test_client:
        yield test_client
