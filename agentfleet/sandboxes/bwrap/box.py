"""The bubblewrap backend: each command runs in fresh namespaces over the box's workspace.

Isolation per command: pid, network, ipc, uts and cgroup namespaces (and a user namespace when not
root); uid ``config.uid`` with no capabilities and no-new-privileges; the host's ``/usr`` read-only,
a synthesized ``/etc``; the workspace and ``/tmp`` the only writable places. Limits come from a
cgroup per sandbox (``cgroups``; emptied groups are reused, ``cgroup_pool``); when cgroups are not
usable, rlimits are applied instead and a warning is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

from agentfleet.contracts import SandboxResult
from agentfleet.core.errors import PermanentError
from agentfleet.core.fleet import RepoConfig
from agentfleet.sandboxes.bwrap import env as environments
from agentfleet.sandboxes.bwrap.argv import Mount
from agentfleet.sandboxes.bwrap.command import Confinement, run_confined, warn_once
from agentfleet.sandboxes.cleanup import later
from agentfleet.sandboxes.config import SandboxConfig
from agentfleet.sandboxes.files import WorkspaceFiles
from agentfleet.sandboxes.layout import WORKDIR
from agentfleet.sandboxes.mirror import Mirror
from agentfleet.sandboxes.workspace import Workspace, new_box

__all__ = ["BwrapSandbox"]

log = logging.getLogger(__name__)


class BwrapSandbox(WorkspaceFiles):
    """A sandbox whose commands run under bubblewrap; see the module docstring for what it isolates."""

    def __init__(
        self,
        config: SandboxConfig,
        workspace: Workspace,
        mounts: Sequence[Mount],
        *,
        prepared: bool = False,
    ) -> None:
        self.config = config
        self.workspace = workspace
        self.workdir = WORKDIR
        self.mounts = tuple(mounts)
        self.prepared = prepared
        self.confinement = Confinement.acquire(config)
        self._closed = False
        if not workspace.capped:
            warn_once("tmpfs", "sandbox: cannot mount tmpfs here (not root); the workspace has no size cap")

    @classmethod
    def open(cls, config: SandboxConfig, sandbox_dir: Path, repo: RepoConfig, commit: str) -> BwrapSandbox:
        """A sandbox with ``repo`` checked out at ``commit`` and its prepared environment mounted."""
        mirror = Mirror.of(sandbox_dir, repo)
        sha = mirror.resolve(commit)
        base = environments.base_env(config, sandbox_dir)
        env = environments.repo_env(config, sandbox_dir, repo, mirror, sha, base)
        workspace = new_box(sandbox_dir, config, "bwrap")
        try:
            workspace.checkout(mirror.path, sha)
            return cls(config, workspace, environments.mounts_for(base, env), prepared=env is not None)
        except BaseException:
            workspace.destroy()
            raise

    def run(
        self, cmd: str | Sequence[str], *, timeout: float | None = None, env: Mapping[str, str] | None = None
    ) -> SandboxResult:
        """Run ``cmd`` in ``/workspace`` in fresh namespaces; everything it started is gone afterwards."""
        if self._closed:
            raise PermanentError("this sandbox is closed; open a new one")
        result = run_confined(
            self.confinement,
            self.workspace,
            self.mounts,
            cmd,
            timeout=timeout or self.config.timeout_s,
            env=env,
            prepared=self.prepared,
        )
        log.debug(
            "sandbox run box=%s exit=%d elapsed=%.3fs", self.workspace.root.name, result.exit_code, result.duration_s
        )
        return result

    def close(self) -> None:
        """Kill anything left now (the emptied cgroup is kept for reuse); delete the box in the background."""
        if self._closed:
            return
        self._closed = True
        self.confinement.release()
        later(self.workspace.destroy)
