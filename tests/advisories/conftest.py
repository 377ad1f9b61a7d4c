"""Fixtures for advisory tests: the real OSV subset and a repo-file view factory."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from advisory_support import DATA

from agentfleet.advisories.snapshot import Directory
from agentfleet.advisories.sources import LocalOsvSource


@pytest.fixture(scope="session")
def real_source() -> LocalOsvSource:
    """The 269 real PyPA advisories in tests/data (CC BY 4.0, see tests/data/README.md)."""
    assert DATA.exists(), f"real advisory data missing at {DATA}"
    return LocalOsvSource(DATA)


@pytest.fixture
def repo_files(tmp_path: Path) -> Callable[[Mapping[str, str]], Directory]:
    """Factory: ``repo_files({"requirements.txt": "..."})`` → a ``Directory`` view of those files."""

    def make(files: Mapping[str, str]) -> Directory:
        root = tmp_path / "checkout"
        for rel, text in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text)
        return Directory(root)

    return make


@pytest.fixture(scope="session")
def advisory_sandbox_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data dir for this directory's sandbox tests: the bwrap base environment is built once."""
    return tmp_path_factory.mktemp("advisory-sandbox-data")
