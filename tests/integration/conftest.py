"""Every test here runs on SQLite and on PostgreSQL (the store a multi-machine fleet must use), but for the two
slowest kind chains (tests first, then the refactor; the coverage PR): their stage and store path is the one
the other chains here take on both stores."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support import BOTH_STORES, database_for

from agentfleet.core.context import Context
from agentfleet.core.settings import Settings


@pytest.fixture(params=BOTH_STORES)
def database_url(request: pytest.FixtureRequest) -> str | None:
    """SQLite in the data dir, or a fresh PostgreSQL database."""
    return database_for(request)


@pytest.fixture
def fleet_context(tmp_path: Path, database_url: str | None) -> Iterator[Callable[[], Context]]:
    """Factory: a context on this test's fleet file, data dir and store (the one its worker uses); each is
    closed at teardown."""
    made: list[Context] = []

    def make() -> Context:
        fleet = tmp_path / "fleet.toml"
        settings = Settings(data_dir=tmp_path / ".agentfleet", fleet_file=fleet, database_url=database_url)
        made.append(Context.from_settings(settings))
        return made[-1]

    yield make
    for ctx in made:
        ctx.store.dispose()
