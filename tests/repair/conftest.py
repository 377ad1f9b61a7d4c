"""Fixtures for the repair engine's tests: real git repos opened in real bwrap sandboxes."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from sandboxes.kit import need_backend
from support import make_repo

from agentfleet.core.context import Context
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.settings import Settings
from agentfleet.flow.fixers.repair.boxes import sandboxes
from agentfleet.sandboxes import Sandbox
from agentfleet.sandboxes.config import SandboxConfig


@pytest.fixture(scope="session")
def repair_data() -> Iterator[Path]:
    """One sandbox data dir for the session, so base environments are built once. Short, under /tmp:
    the Docker backend puts a unix socket in it, and those paths are limited to 108 bytes."""
    path = Path(tempfile.mkdtemp(prefix="afr-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def repair_ctx(request: pytest.FixtureRequest, repair_data: Path, tmp_path: Path) -> Context:
    """A context whose sandboxes are bwrap boxes (or ``request.param``'s backend); skipped locally /
    failed in CI when the backend is missing."""
    backend = getattr(request, "param", "bwrap")
    need_backend(backend)
    settings = Settings(
        data_dir=repair_data / backend, fleet_file=tmp_path / "fleet.toml", sandbox=SandboxConfig(backend=backend)
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
