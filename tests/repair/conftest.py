"""Fixtures for the repair engine's tests: real git repos opened in real bwrap sandboxes."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from support import make_repo, need

from agentfleet.context import Context
from agentfleet.fixers.repair.boxes import sandboxes
from agentfleet.fleet import RepoConfig
from agentfleet.sandboxes import Sandbox
from agentfleet.sandboxes.config import SandboxConfig
from agentfleet.settings import Settings


@pytest.fixture(scope="session")
def repair_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One sandbox data dir for the session, so the bwrap base environment is built once."""
    return tmp_path_factory.mktemp("repair-sandbox-data")


@pytest.fixture
def repair_ctx(repair_data: Path, tmp_path: Path) -> Context:
    """A context whose sandboxes are bwrap boxes (skipped locally / failed in CI without bubblewrap)."""
    need(shutil.which("bwrap") is not None, "bubblewrap is not installed (apt-get install bubblewrap)")
    settings = Settings(
        data_dir=repair_data, fleet_file=tmp_path / "fleet.toml", sandbox=SandboxConfig(backend="bwrap")
    )
    return Context.from_settings(settings)


@pytest.fixture
def repo_of(tmp_path: Path) -> Callable[..., tuple[RepoConfig, str]]:
    """Factory: ``repo_of(files, name="svc")`` → (a repo config on a real committed git repo, its commit)."""

    def make(files: Mapping[str, str], name: str = "svc") -> tuple[RepoConfig, str]:
        path = tmp_path / name
        sha = make_repo(path, files)
        return RepoConfig(name=name, location=str(path)), sha

    return make


@pytest.fixture
def boxes_for(repair_ctx: Context) -> Callable[..., AbstractContextManager[list[Sandbox]]]:
    """Factory: ``with boxes_for(repo, sha, n) as boxes:`` — ``n`` real sandboxes on ``repo`` at ``sha``."""

    @contextmanager
    def opened(repo: RepoConfig, sha: str, count: int = 1) -> Iterator[list[Sandbox]]:
        with sandboxes(repair_ctx, repo, sha, count) as boxes:
            yield boxes

    return opened
