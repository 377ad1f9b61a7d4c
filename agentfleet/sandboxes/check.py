"""``agentfleet check-config``'s sandbox line: which backend would run, with which protections, or why none."""

from __future__ import annotations

from agentfleet.core.errors import ConfigError
from agentfleet.sandboxes.bwrap.command import bwrap_binary, setpriv_binary
from agentfleet.sandboxes.cgroups import available
from agentfleet.sandboxes.config import SandboxConfig
from agentfleet.sandboxes.factory import choose_backend
from agentfleet.sandboxes.hostfs import is_root

__all__ = ["describe_backend"]


def _docker(config: SandboxConfig) -> tuple[bool, str]:
    from agentfleet.sandboxes.docker.env import base_image

    try:
        image = base_image(config, None)
    except ConfigError as exc:
        return False, f"docker: {exc}"
    return True, f"docker, image {config.image} ({image[:19]}), pool size {config.pool_size}"


def _bwrap(config: SandboxConfig) -> tuple[bool, str]:
    try:
        bwrap_binary()
        setpriv_binary()
    except ConfigError as exc:
        return False, f"bwrap: {exc}"
    cgroups = available()
    limits = f"cgroup {cgroups} limits" if cgroups else "NO cgroups: rlimits only (run as root for real limits)"
    workspace = "tmpfs workspace and /tmp" if is_root() else "workspace not size-capped (not root)"
    return True, f"bwrap, python {config.python}, {limits}, {workspace}"


def describe_backend(config: SandboxConfig) -> tuple[bool, str]:
    """(usable, detail) for the backend ``config`` selects."""
    try:
        backend = choose_backend(config)
    except ConfigError as exc:
        return False, str(exc)
    return _docker(config) if backend == "docker" else _bwrap(config)
