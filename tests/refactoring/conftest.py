"""Fixtures for the refactoring tests: real git repos, a fleet file naming them, real sandboxes."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from refactor_kit import RefactorFleet
from sandboxes.kit import need_backend


@pytest.fixture(scope="session")
def refactor_data() -> Iterator[Path]:
    """One sandbox data dir for the session (prepared environments built once); short, under /tmp."""
    path = Path(tempfile.mkdtemp(prefix="afr-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def fleet_of(request: pytest.FixtureRequest, refactor_data: Path, tmp_path: Path) -> Callable[..., RefactorFleet]:
    """Factory: ``fleet_of(files, quality="...", extra="...")`` → repo ``shop`` with ``files`` committed, a fleet
    file naming it, and a context on bwrap sandboxes (or ``request.param``'s backend)."""
    backend = getattr(request, "param", "bwrap")

    def make(files: dict[str, str], quality: str = "", extra: str = "") -> RefactorFleet:
        need_backend(backend)
        return RefactorFleet.create(tmp_path, refactor_data / backend, backend, files, quality, extra, "shop")

    return make
