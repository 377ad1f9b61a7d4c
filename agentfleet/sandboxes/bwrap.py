"""The bubblewrap backend: each command runs in fresh namespaces over the box's workspace.

Isolation per command: pid, network, ipc, uts and cgroup namespaces (and a user namespace when not
root); uid ``config.uid`` with no capabilities and no-new-privileges; the host's ``/usr`` read-only,
a synthesized ``/etc``; the workspace and ``/tmp`` the only writable places. Limits come from a
cgroup per sandbox (``cgroups``; emptied groups are reused, ``cgroup_pool``); when cgroups are not
usable, rlimits are applied instead and a warning is logged.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from agentfleet.contracts import SandboxResult
from agentfleet.errors import ConfigError, PermanentError
from agentfleet.fleet import RepoConfig
from agentfleet.sandboxes import cgroup_pool
from agentfleet.sandboxes.bwrap_argv import Fds, Mount, Spec, bwrap_argv
from agentfleet.sandboxes.cgroups import Limits
from agentfleet.sandboxes.cleanup import later
from agentfleet.sandboxes.config import SandboxConfig
from agentfleet.sandboxes.files import WorkspaceFiles
from agentfleet.sandboxes.hostfs import is_root
from agentfleet.sandboxes.layout import WORKDIR, command_env, display, shell_command
from agentfleet.sandboxes.mirror import Mirror
from agentfleet.sandboxes.process import execute
from agentfleet.sandboxes.workspace import Workspace, new_box

__all__ = ["BwrapSandbox", "bwrap_binary", "setpriv_binary"]

log = logging.getLogger(__name__)
_warned: set[str] = set()


def bwrap_binary() -> str:
    """Path of ``bwrap``; ``ConfigError`` saying how to install it otherwise."""
    path = shutil.which("bwrap")
    if path is None:
        raise ConfigError(
            "the bwrap sandbox backend needs bubblewrap: apt-get install bubblewrap "
            "(or set AGENTFLEET_SANDBOX__BACKEND=docker)"
        )
    return path


def _warn_once(key: str, message: str) -> None:
    if key not in _warned:
        _warned.add(key)
        log.warning(message)


def _rlimits(config: SandboxConfig) -> list[str]:
    """Fallback limits without cgroups (RLIMIT_NPROC does not bind uid 0 outside the namespace)."""
    _warn_once("cgroups", "sandbox: no usable cgroup v1/v2 hierarchy; pids/memory/CPU limits fall back to rlimits")
    prlimit = shutil.which("prlimit")
    if prlimit is None:
        return []
    return [prlimit, f"--nproc={config.pids}", f"--as={config.memory_mb << 20}", "--"]


def setpriv_binary() -> str | None:
    """``setpriv`` on a root host (bwrap then runs as root and drops to the sandbox uid inside)."""
    if not is_root():
        return None
    path = shutil.which("setpriv")
    if path is None:
        raise ConfigError("the bwrap backend running as root needs setpriv (Debian: apt-get install util-linux)")
    return path


class BwrapSandbox(WorkspaceFiles):
    """A sandbox whose commands run under bubblewrap; see the module docstring for what it isolates."""

    def __init__(
        self,
        config: SandboxConfig,
        workspace: Workspace,
        mounts: Sequence[Mount],
        *,
        prepared: bool = False,
        network: bool = False,
    ) -> None:
        self.config = config
        self.workspace = workspace
        self.workdir = WORKDIR
        self.mounts = tuple(mounts)
        self.prepared = prepared
        self.network = network
        self.binary = bwrap_binary()
        self._setpriv = setpriv_binary()
        self._closed = False
        self.limits = Limits(memory_bytes=config.memory_mb << 20, pids=config.pids, cpus=config.cpus)
        self.group = cgroup_pool.acquire(self.limits)
        self._prefix = [] if self.group is not None else _rlimits(config)
        if not workspace.capped:
            _warn_once("tmpfs", "sandbox: cannot mount tmpfs here (not root); the workspace has no size cap")

    @classmethod
    def open(cls, config: SandboxConfig, sandbox_dir: Path, repo: RepoConfig, commit: str) -> BwrapSandbox:
        """A sandbox with ``repo`` checked out at ``commit`` and its prepared environment mounted."""
        from agentfleet.sandboxes import bwrap_env  # builds environments with this class

        mirror = Mirror.of(sandbox_dir, repo)
        sha = mirror.resolve(commit)
        base = bwrap_env.base_env(config, sandbox_dir)
        env = bwrap_env.repo_env(config, sandbox_dir, repo, mirror, sha, base)
        workspace = new_box(sandbox_dir, config, "bwrap")
        try:
            workspace.checkout(mirror.path, sha)
            return cls(config, workspace, bwrap_env.mounts_for(base, env), prepared=env is not None)
        except BaseException:
            workspace.destroy()
            raise

    def run(
        self, cmd: str | Sequence[str], *, timeout: float | None = None, env: Mapping[str, str] | None = None
    ) -> SandboxResult:
        """Run ``cmd`` in ``/workspace`` in fresh namespaces; everything it started is gone afterwards."""
        if self._closed:
            raise PermanentError("this sandbox is closed; open a new one")
        spec = Spec(
            uid=self.config.uid,
            work=self.workspace.work,
            tmp=self.workspace.tmp if self.workspace.capped else None,
            tmp_bytes=self.config.tmp_mb << 20,
            env=command_env(self.config.uid, prepared=self.prepared, fixed=self.config.env, extra=env),
            mounts=self.mounts,
            network=self.network,
            setpriv=self._setpriv,
        )
        fds = Fds()
        try:
            argv = [*self._prefix, *bwrap_argv(self.binary, spec, shell_command(cmd), fds)]
            result = execute(
                argv,
                display=display(cmd),
                timeout=timeout or self.config.timeout_s,
                cap=self.config.output_cap_bytes,
                group=self.group,
                pass_fds=fds.fds,
            )
        finally:
            fds.close()
        log.debug(
            "sandbox run box=%s exit=%d elapsed=%.3fs", self.workspace.root.name, result.exit_code, result.duration_s
        )
        return result

    def close(self) -> None:
        """Kill anything left now (the emptied cgroup is kept for reuse); delete the box in the background."""
        if self._closed:
            return
        self._closed = True
        if self.group is not None:
            cgroup_pool.release(self.group, self.limits)
        later(self.workspace.destroy)
