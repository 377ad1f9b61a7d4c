"""One command under bubblewrap: the binaries it needs, its resource limits, its argv and its run.

Both the sandbox (``box``) and the prepare step (``env``) run commands through here, so neither
needs the other.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from agentfleet.contracts import SandboxResult
from agentfleet.core.errors import ConfigError
from agentfleet.sandboxes import cgroup_pool
from agentfleet.sandboxes.bwrap.argv import Fds, Mount, Spec, bwrap_argv
from agentfleet.sandboxes.cgroups import Cgroup, Limits
from agentfleet.sandboxes.config import SandboxConfig
from agentfleet.sandboxes.hostfs import is_root
from agentfleet.sandboxes.layout import command_env, display, shell_command
from agentfleet.sandboxes.process import execute
from agentfleet.sandboxes.workspace import Workspace

__all__ = ["Confinement", "bwrap_binary", "confined", "run_confined", "setpriv_binary"]

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


def setpriv_binary() -> str | None:
    """``setpriv`` on a root host (bwrap then runs as root and drops to the sandbox uid inside)."""
    if not is_root():
        return None
    path = shutil.which("setpriv")
    if path is None:
        raise ConfigError("the bwrap backend running as root needs setpriv (Debian: apt-get install util-linux)")
    return path


def warn_once(key: str, message: str) -> None:
    """Log ``message`` once per process for ``key``."""
    if key not in _warned:
        _warned.add(key)
        log.warning(message)


def _rlimits(config: SandboxConfig) -> list[str]:
    """Fallback limits without cgroups (RLIMIT_NPROC does not bind uid 0 outside the namespace)."""
    warn_once("cgroups", "sandbox: no usable cgroup v1/v2 hierarchy; pids/memory/CPU limits fall back to rlimits")
    prlimit = shutil.which("prlimit")
    if prlimit is None:
        return []
    return [prlimit, f"--nproc={config.pids}", f"--as={config.memory_mb << 20}", "--"]


@dataclass(frozen=True)
class Confinement:
    """What confines a sandbox's commands: the binaries, its cgroup (or an rlimit prefix)."""

    config: SandboxConfig
    limits: Limits
    group: Cgroup | None
    prefix: tuple[str, ...]
    binary: str
    setpriv: str | None

    @classmethod
    def acquire(cls, config: SandboxConfig) -> Confinement:
        """Check the binaries and take a cgroup from the pool (``release`` gives it back)."""
        binary, setpriv = bwrap_binary(), setpriv_binary()
        limits = Limits(memory_bytes=config.memory_mb << 20, pids=config.pids, cpus=config.cpus)
        group = cgroup_pool.acquire(limits)
        prefix = () if group is not None else tuple(_rlimits(config))
        return cls(config, limits, group, prefix, binary, setpriv)

    def release(self) -> None:
        """Kill whatever is left in the cgroup and keep the emptied group for reuse."""
        if self.group is not None:
            cgroup_pool.release(self.group, self.limits)


@contextmanager
def confined(config: SandboxConfig) -> Iterator[Confinement]:
    """A ``Confinement`` for the duration of the block."""
    confinement = Confinement.acquire(config)
    try:
        yield confinement
    finally:
        confinement.release()


def run_confined(
    confinement: Confinement,
    workspace: Workspace,
    mounts: Sequence[Mount],
    cmd: str | Sequence[str],
    *,
    timeout: float,
    env: Mapping[str, str] | None = None,
    prepared: bool = False,
    network: bool = False,
) -> SandboxResult:
    """Run ``cmd`` in ``/workspace`` in fresh namespaces; everything it started is gone afterwards."""
    config = confinement.config
    spec = Spec(
        uid=config.uid,
        work=workspace.work,
        tmp=workspace.tmp if workspace.capped else None,
        tmp_bytes=config.tmp_mb << 20,
        env=command_env(config.uid, prepared=prepared, fixed=config.env, extra=env),
        mounts=tuple(mounts),
        network=network,
        setpriv=confinement.setpriv,
    )
    fds = Fds()
    try:
        argv = [*confinement.prefix, *bwrap_argv(confinement.binary, spec, shell_command(cmd), fds)]
        return execute(
            argv,
            display=display(cmd),
            timeout=timeout,
            cap=config.output_cap_bytes,
            group=confinement.group,
            pass_fds=fds.fds,
        )
    finally:
        fds.close()
