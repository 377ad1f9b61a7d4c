"""Reuse emptied sandbox cgroups within a process instead of creating and removing one per sandbox.

Creating and especially removing a cgroup takes the kernel's global cgroup lock (memory cgroups go
through an offline step), which makes sandbox start-up latency jittery under load. A closed
sandbox's group is emptied (every process SIGKILLed) and kept for the next sandbox with the same
limits; the groups are removed when the process exits, or by the reaper if it dies (their names
carry the owner's identity).
"""

from __future__ import annotations

import atexit
import os
import threading
import uuid

from agentfleet.sandboxes.cgroups import Cgroup, Limits, group_name

__all__ = ["acquire", "release", "remove_all"]

_free: dict[tuple[int, Limits], list[Cgroup]] = {}
_lock = threading.Lock()


def acquire(limits: Limits) -> Cgroup | None:
    """An empty group with ``limits`` (reused or new); ``None`` when cgroups are not usable here."""
    with _lock:
        free = _free.get((os.getpid(), limits))
        if free:
            return free.pop()
    return Cgroup.create(group_name(uuid.uuid4().hex[:12]), limits)


def release(group: Cgroup, limits: Limits) -> None:
    """Kill everything in ``group`` and keep it for reuse (removed instead if anything survived)."""
    group.kill()
    if group.pids():
        group.remove()
        return
    with _lock:
        _free.setdefault((os.getpid(), limits), []).append(group)


def remove_all() -> None:
    """Remove this process's idle groups (at exit)."""
    with _lock:
        mine = [key for key in _free if key[0] == os.getpid()]
        groups = [group for key in mine for group in _free.pop(key)]
    for group in groups:
        group.remove()


atexit.register(remove_all)
