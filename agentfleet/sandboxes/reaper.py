"""Destroy sandboxes whose owner process died (a killed worker cannot clean up after itself).

Ownership is a ``pid:starttime`` identity (safe against pid reuse) recorded in each box's ``owner``
file and in the labels of each container; a sandbox whose owner is alive is never touched, so many
workers can share one data dir and one Docker daemon. A pid is only judged in the PID namespace it was
recorded in (boxes carry it; containers are judged only on their host), so compose workers sharing a data
dir through the host's Docker never reap each other's live boxes.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import time
from pathlib import Path

from agentfleet.sandboxes.cgroups import group_owner, leftover_groups
from agentfleet.sandboxes.hostfs import pid_namespace, process_identity, remove_abandoned_builds
from agentfleet.sandboxes.workspace import Workspace

__all__ = ["owner_alive", "reap_leftovers"]

log = logging.getLogger(__name__)


def owner_alive(identity: str) -> bool:
    """True when the process ``pid:starttime`` still runs."""
    pid, _, _ = identity.partition(":")
    return pid.isdigit() and process_identity(int(pid)) == identity


_CREATING_S = 60
"""A box with no owner yet is only abandoned once it is this old (creation takes milliseconds)."""


def _younger_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime < seconds
    except OSError:
        return False


_FOREIGN_S = 24 * 3600
"""A box owned from another PID namespace (a compose sibling sharing the data dir) is left to that namespace's
reaper, unless it is this old: longer than any stage may run, so its owner's container is gone."""


def _owner(box: Path) -> tuple[str, str]:
    """The box's owner identity and PID namespace (ours for boxes recorded without one)."""
    try:
        fields = (box / "owner").read_text().split()
    except OSError:
        return "", ""  # being created right now, or its creator died between mkdir and write
    return (fields[0] if fields else ""), (fields[2] if len(fields) > 2 else pid_namespace())


def _reap_boxes(boxes: Path) -> int:
    reaped = 0
    here = pid_namespace()
    for box in sorted(boxes.iterdir()) if boxes.is_dir() else []:
        identity, namespace = _owner(box)
        if namespace and namespace != here and _younger_than(box, _FOREIGN_S):
            continue  # its pid means nothing here: alive or not, only its own namespace can tell
        if identity and namespace == here and owner_alive(identity):
            continue
        if not identity and _younger_than(box, _CREATING_S):
            continue  # another process may be creating it this instant
        Workspace(box).destroy()
        reaped += 1
    return reaped


def _reap_cgroups() -> int:
    orphans = [group for group in leftover_groups() if not owner_alive(group_owner(group.name))]
    for group in orphans:
        group.remove()
    return len(orphans)


def _reap_containers() -> int:
    from agentfleet.sandboxes.docker.box import LABEL, docker_client
    from agentfleet.sandboxes.factory import docker_answers

    if not docker_answers():
        return 0
    filters = {"label": [LABEL, f"{LABEL}.host={socket.gethostname()}"]}
    reaped = 0
    # sparse: the list's own data, no inspect per container (one removed meanwhile would make it a 404)
    for container in docker_client().containers.list(all=True, filters=filters, sparse=True):
        if owner_alive((container.attrs.get("Labels") or {}).get(f"{LABEL}.owner", "")):
            continue
        with contextlib.suppress(Exception):  # removed concurrently by another reaper
            container.remove(force=True)
            reaped += 1
    return reaped


def reap_leftovers(sandbox_dir: Path) -> int:
    """Remove every box, cgroup, partial build and container whose owner is gone; returns how many."""
    boxes = sandbox_dir / "boxes"
    reaped = _reap_containers() + _reap_boxes(boxes) + _reap_cgroups()
    reaped += sum(remove_abandoned_builds(sandbox_dir / sub) for sub in ("runtime", "envs"))
    if reaped:
        log.info("sandbox reaper removed %d leftovers under %s", reaped, sandbox_dir)
    return reaped
