"""The public way in: ``open_sandbox(ctx, repo, commit)`` picks a backend and always destroys the box."""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from agentfleet.core.context import Context
from agentfleet.core.errors import ConfigError
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.registry import resolve
from agentfleet.sandboxes import SANDBOXES, Sandbox, SandboxFactory
from agentfleet.sandboxes.config import SandboxConfig
from agentfleet.sandboxes.mirror import Mirror

__all__ = ["choose_backend", "docker_answers", "open_sandbox", "sandbox_dir"]

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def docker_answers() -> bool:
    """True when a Docker daemon answers a ping (checked once per process)."""
    try:
        import docker

        client = docker.from_env(timeout=5)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:  # no SDK, no socket, refused: all mean "no daemon"
        return False


def choose_backend(config: SandboxConfig) -> str:
    """The backend ``config`` selects: ``auto`` is Docker when a daemon answers, else bwrap."""
    if config.backend != "auto":
        return config.backend
    if docker_answers():
        return "docker"
    if shutil.which("bwrap"):
        return "bwrap"
    raise ConfigError(
        "no sandbox backend is available: no Docker daemon answers and bubblewrap is not installed; "
        "start dockerd or apt-get install bubblewrap (AGENTFLEET_SANDBOX__BACKEND picks one explicitly)"
    )


def sandbox_dir(data_dir: Path) -> Path:
    """Where mirrors, boxes and prepared environments live on the host."""
    return data_dir.resolve() / "sandbox"


def repo_mirror(ctx: Context, repo: RepoConfig) -> Mirror:
    """The host-side mirror of fleet repo ``repo``, shared by every sandbox and reader of that repo."""
    return Mirror.of(sandbox_dir(ctx.settings.data_dir), repo)


@contextmanager
def open_sandbox(ctx: Context, repo: RepoConfig, commit: str, *, patch: str | None = None) -> Iterator[Sandbox]:
    """A sandbox with ``repo`` checked out at ``commit``; destroyed when the block ends, whatever happens.

    With ``patch``, the sandbox starts from ``commit`` + ``patch`` as a commit of its own, so the prepared
    environment comes from the patched dependency files (``diff()`` is then relative to that commit).
    ``PermanentError`` when the patch does not apply.
    """
    from agentfleet.metrics.instruments import observe_sandbox_acquire  # after a worker chose multiprocess mode

    config = ctx.settings.sandbox
    backend = choose_backend(config)
    factory: SandboxFactory = resolve(SANDBOXES, backend, "sandbox backend")
    if patch is not None:
        commit = repo_mirror(ctx, repo).commit_diff(commit, patch)
    started = time.monotonic()
    box = factory.open(config, sandbox_dir(ctx.settings.data_dir), repo, commit)
    observe_sandbox_acquire(backend, time.monotonic() - started)
    log.info("sandbox open backend=%s repo=%s commit=%s", backend, repo.name, commit[:12])
    try:
        yield box
    finally:
        box.close()
        log.info("sandbox closed backend=%s repo=%s", backend, repo.name)
