"""Fixtures for the test-expansion tests: real git repos, a fleet file naming them, real sandboxes."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from coverage_kit import CoverageFleet
from sandboxes.kit import need_backend


@pytest.fixture(scope="session")
def coverage_data() -> Iterator[Path]:
    """One sandbox data dir for the session: the base and Pynguin tool environments are built once.
    Short, under /tmp: the Docker backend puts a unix socket in it (108-byte path limit)."""
    path = Path(tempfile.mkdtemp(prefix="afc-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def fleet_of(request: pytest.FixtureRequest, coverage_data: Path, tmp_path: Path) -> Callable[..., CoverageFleet]:
    """Factory: ``fleet_of(files, coverage="since = 'HEAD~1'")`` → a repo ``shop`` with ``files`` committed, a
    fleet file naming it, and a context on bwrap sandboxes (or ``request.param``'s backend)."""
    backend = getattr(request, "param", "bwrap")
    need_backend(backend)

    def make(files: dict[str, str], coverage: str = "", extra: str = "", name: str = "shop") -> CoverageFleet:
        return CoverageFleet.create(tmp_path, coverage_data / backend, backend, files, coverage, extra, name)

    return make
