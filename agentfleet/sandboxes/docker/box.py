"""Docker containers for sandboxes: hardened options, owner labels, start with an agent, discard."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agentfleet.core.errors import TransientError
from agentfleet.sandboxes.cleanup import later
from agentfleet.sandboxes.config import SandboxConfig
from agentfleet.sandboxes.docker.channel import AgentChannel
from agentfleet.sandboxes.hostfs import is_root, process_identity
from agentfleet.sandboxes.layout import WORKDIR
from agentfleet.sandboxes.workspace import Workspace, new_box

if TYPE_CHECKING:
    from docker import DockerClient
    from docker.models.containers import Container

__all__ = [
    "LABEL",
    "DockerBox",
    "daemon_trouble",
    "docker_client",
    "hardened",
    "owner_labels",
    "remove_container",
    "start_box",
]

log = logging.getLogger(__name__)

LABEL = "org.agentfleet.sandbox"
"""Every container agentfleet starts carries this label (the reaper looks for it)."""
_SOCKET = ".agentfleet-agent.sock"


_clients: dict[int, DockerClient] = {}


def docker_client() -> DockerClient:
    """This process's Docker client (from ``DOCKER_HOST`` or the local socket); a forked child makes its own."""
    import docker

    pid = os.getpid()
    if pid not in _clients:
        _clients[pid] = docker.from_env(timeout=120)
    return _clients[pid]


@contextmanager
def daemon_trouble(doing: str) -> Iterator[None]:
    """Docker daemon failures a later attempt may not meet, as ``TransientError`` (the stage is retried): a
    server error (5xx: a runtime that failed to start the container, a daemon restarting) or no daemon to
    talk to. Client errors (4xx: a missing image, a bad option) stay what they are."""
    import docker.errors
    import requests.exceptions

    try:
        yield
    except docker.errors.APIError as exc:
        if not exc.is_server_error():
            raise
        raise TransientError(f"the Docker daemon failed {doing}: {exc.explanation or exc}") from exc
    except (docker.errors.DockerException, requests.exceptions.ConnectionError) as exc:
        raise TransientError(f"no Docker daemon answered {doing} ({exc}); is dockerd running?") from exc


@cache
def _agent_source() -> str:
    return (Path(__file__).parent / "agent.py").read_text()


def owner_labels(box_id: str) -> dict[str, str]:
    """Labels naming the box and the live process that owns the container."""
    return {
        LABEL: "1",
        f"{LABEL}.box": box_id,
        f"{LABEL}.owner": process_identity(os.getpid()) or "",
        f"{LABEL}.host": socket.gethostname(),
    }


def _container_user(config: SandboxConfig) -> str:
    """The sandbox uid on a root host, else this user (whose files the workspace holds)."""
    return f"{config.uid}:{config.uid}" if is_root() else f"{os.getuid()}:{os.getgid()}"


def hardened(
    config: SandboxConfig, workspace: Workspace, *, network: str = "none", read_only: bool = True
) -> dict[str, Any]:
    """``containers.run`` options: no network, no caps, no new privileges, read-only root, limits."""
    return {
        "user": _container_user(config),
        "network_mode": network,
        "read_only": read_only,
        "cap_drop": ["ALL"],
        "security_opt": ["no-new-privileges"],
        "pids_limit": config.pids,
        "mem_limit": f"{config.memory_mb}m",
        "memswap_limit": f"{config.memory_mb}m",
        "nano_cpus": int(config.cpus * 1e9),
        "volumes": {
            str(workspace.work): {"bind": WORKDIR, "mode": "rw"},
            str(workspace.tmp): {"bind": "/tmp", "mode": "rw"},
        },
        "working_dir": WORKDIR,
        "hostname": "sandbox",
        "environment": {},
        "labels": owner_labels(workspace.root.name),
    }


@dataclass
class DockerBox:
    """A started container, its workspace and the channel to its agent."""

    workspace: Workspace
    container: Container
    channel: AgentChannel

    def discard(self) -> None:
        """Hang up (the agent exits, the container stops); the workspace and container go in the background."""
        self.channel.close()
        later(self.workspace.destroy)
        later(remove_container, self.container)


def remove_container(container: Container) -> None:
    """Remove ``container`` (stopping it first); a failure is logged, the reaper retries later."""
    try:
        container.remove(force=True)
    except Exception as exc:  # already gone, or the daemon went away: the reaper retries later
        log.warning("sandbox container %s not removed: %s", container.short_id, exc)


def start_box(config: SandboxConfig, sandbox_dir: Path, image: str) -> DockerBox:
    """A running, locked-down container from ``image`` over a fresh, empty box."""
    workspace = new_box(sandbox_dir, config, "docker")
    container = None
    try:
        argv = ["python3", "-c", _agent_source(), f"/tmp/{_SOCKET}"]
        options = hardened(config, workspace)
        container = docker_client().containers.run(image, argv, detach=True, **options)
        return DockerBox(workspace, container, AgentChannel.connect(workspace.tmp / _SOCKET))
    except BaseException:
        if container is not None:
            remove_container(container)
        workspace.destroy()
        raise
