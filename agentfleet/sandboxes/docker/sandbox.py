"""The Docker backend: one locked-down container per sandbox, commands run through its agent.

The container: no network, uid ``config.uid``, all capabilities dropped, no-new-privileges, a
read-only root, the box's size-capped workspace and /tmp bind-mounted, pids/memory/CPU limits.
Its pid 1 is ``agent``, which runs each command and kills whatever it left behind.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from agentfleet.contracts import SandboxResult
from agentfleet.core.errors import PermanentError
from agentfleet.core.fleet import RepoConfig
from agentfleet.sandboxes.cgroups import docker_cgroup
from agentfleet.sandboxes.config import SandboxConfig
from agentfleet.sandboxes.docker.box import DockerBox, daemon_trouble, start_box
from agentfleet.sandboxes.docker.env import base_image, prepared_image
from agentfleet.sandboxes.files import WorkspaceFiles
from agentfleet.sandboxes.layout import WORKDIR, command_env, display, shell_command
from agentfleet.sandboxes.mirror import Mirror
from agentfleet.sandboxes.pool import WarmPool, pool_for
from agentfleet.sandboxes.process import limit_counters, limit_hit, make_result

__all__ = ["DockerSandbox", "warm_pool"]

log = logging.getLogger(__name__)


def _pool(config: SandboxConfig, sandbox_dir: Path, image: str) -> WarmPool[DockerBox] | None:
    key = ("docker", image, sandbox_dir, config.model_dump_json())
    return pool_for(config, key, lambda: start_box(config, sandbox_dir, image))


def warm_pool(config: SandboxConfig, sandbox_dir: Path) -> WarmPool[DockerBox] | None:
    """Start filling this process's pool for the default image in the background (``None``: no pool)."""
    pool = _pool(config, sandbox_dir, base_image(config, None))
    if pool is not None:
        pool.warm()
    return pool


class DockerSandbox(WorkspaceFiles):
    """A sandbox backed by one container; see the module docstring for what it isolates."""

    def __init__(self, config: SandboxConfig, box: DockerBox, *, prepared: bool) -> None:
        self.config = config
        self.box = box
        self.workspace = box.workspace
        self.workdir = WORKDIR
        self.prepared = prepared
        self.group = docker_cgroup(str(box.container.id))
        self._lost = False
        self._closed = False

    @classmethod
    def open(cls, config: SandboxConfig, sandbox_dir: Path, repo: RepoConfig, commit: str) -> DockerSandbox:
        """A container with ``repo`` checked out at ``commit``, from its prepared image (or the warm pool)."""
        mirror = Mirror.of(sandbox_dir, repo)
        sha = mirror.resolve(commit)
        with daemon_trouble("opening a sandbox"):
            image = prepared_image(config, sandbox_dir, repo, mirror, sha)
            pool = _pool(config, sandbox_dir, image)
            box = pool.acquire() if pool is not None else start_box(config, sandbox_dir, image)
        try:
            box.workspace.checkout(mirror.path, sha)
        except BaseException:
            box.discard()
            raise
        return cls(config, box, prepared=bool(repo.setup))

    def run(
        self, cmd: str | Sequence[str], *, timeout: float | None = None, env: Mapping[str, str] | None = None
    ) -> SandboxResult:
        """Run ``cmd`` in ``/workspace``; everything it started is killed when it ends."""
        if self._lost or self._closed:
            raise PermanentError("this sandbox is closed or its container stopped answering; open a new one")
        environment = command_env(self.config.uid, prepared=self.prepared, fixed=self.config.env, extra=env)
        counters = limit_counters(self.group)
        started = time.monotonic()
        seconds = timeout or self.config.timeout_s
        outcome = self.box.channel.run(shell_command(cmd), environment, WORKDIR, seconds, self.config.output_cap_bytes)
        if outcome.lost:
            self._lost = True
            self.box.container.kill()
        hit = limit_hit(self.group, counters, outcome.exit_code)
        return make_result(
            display(cmd),
            started,
            outcome.exit_code,
            outcome.stdout,
            outcome.stderr,
            timed_out=outcome.timed_out,
            limit=hit,
        )

    def close(self) -> None:
        """Stop the container, delete the workspace; the container is removed in the background."""
        if not self._closed:
            self._closed = True
            self.box.discard()
