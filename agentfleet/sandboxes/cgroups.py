"""Per-sandbox cgroups for the bwrap backend: memory, pids and CPU limits, kill-all, OOM detection.

cgroup v1 (one hierarchy per controller under ``/sys/fs/cgroup/<controller>``) and v2 (one unified
hierarchy with ``memory``/``pids``/``cpu`` enabled) are supported. Each sandbox gets a group named
``agentfleet/<box id>``; ``available()`` says which layout is usable (root is needed on v1).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from agentfleet.sandboxes.hostfs import process_identity

__all__ = [
    "CGROUP_ROOT",
    "Cgroup",
    "Limits",
    "available",
    "docker_cgroup",
    "group_name",
    "group_owner",
    "leftover_groups",
]

log = logging.getLogger(__name__)

CGROUP_ROOT = Path("/sys/fs/cgroup")
_V1 = ("memory", "pids", "cpu")
_PARENT = "agentfleet"


@dataclass(frozen=True)
class Limits:
    """What one sandbox may use."""

    memory_bytes: int
    pids: int
    cpus: float


def _writable(path: Path) -> bool:
    return path.exists() and os.access(path, os.W_OK)


@lru_cache(maxsize=1)
def available() -> str | None:
    """``"v1"``, ``"v2"`` or ``None`` when this process cannot create limited cgroups."""
    if all(_writable(CGROUP_ROOT / c / "cgroup.procs") for c in _V1):
        return "v1"
    controllers = CGROUP_ROOT / "cgroup.controllers"
    if controllers.exists() and {"memory", "pids", "cpu"} <= set(controllers.read_text().split()):
        parent = CGROUP_ROOT / _PARENT
        try:
            parent.mkdir(exist_ok=True)
            (CGROUP_ROOT / "cgroup.subtree_control").write_text("+memory +pids +cpu")
            (parent / "cgroup.subtree_control").write_text("+memory +pids +cpu")
        except OSError as exc:
            log.warning("cgroup v2 is mounted but not delegable here (%s); sandbox limits degrade", exc)
            return None
        return "v2"
    return None


def _write(path: Path, value: str) -> None:
    path.write_text(value)


class Cgroup:
    """The cgroup(s) of one sandbox; every process bwrap starts is placed in them."""

    def __init__(self, dirs: dict[str, Path], version: str) -> None:
        self.dirs = dirs
        self.version = version

    @property
    def name(self) -> str:
        """The group's directory name (the box id for sandbox groups)."""
        return next(iter(self.dirs.values())).name

    @classmethod
    def named(cls, name: str, version: str) -> Cgroup:
        """The (maybe not yet created) group ``agentfleet/<name>``."""
        controllers = _V1 if version == "v1" else ("",)
        return cls({c: CGROUP_ROOT / c / _PARENT / name for c in controllers}, version)

    @classmethod
    def create(cls, name: str, limits: Limits) -> Cgroup | None:
        """A limited group for ``name``, or ``None`` when cgroups are not usable here."""
        version = available()
        if version is None:
            return None
        group = cls.named(name, version)
        for path in group.dirs.values():
            path.mkdir(parents=True, exist_ok=True)
        group._limit(limits)
        return group

    def _limit(self, limits: Limits) -> None:
        quota = max(1000, int(limits.cpus * 100_000))
        if self.version == "v1":
            mem = self.dirs["memory"]
            _write(mem / "memory.limit_in_bytes", str(limits.memory_bytes))
            if (mem / "memory.memsw.limit_in_bytes").exists():
                _write(mem / "memory.memsw.limit_in_bytes", str(limits.memory_bytes))
            _write(self.dirs["pids"] / "pids.max", str(limits.pids))
            _write(self.dirs["cpu"] / "cpu.cfs_period_us", "100000")
            _write(self.dirs["cpu"] / "cpu.cfs_quota_us", str(quota))
            return
        path = self.dirs[""]
        _write(path / "memory.max", str(limits.memory_bytes))
        with contextlib.suppress(OSError):
            _write(path / "memory.swap.max", "0")
        _write(path / "pids.max", str(limits.pids))
        _write(path / "cpu.max", f"{quota} 100000")

    @property
    def procs_files(self) -> list[str]:
        """The ``cgroup.procs`` files a starting process writes its pid into."""
        return [str(path / "cgroup.procs") for path in self.dirs.values()]

    def pids(self) -> list[int]:
        """Processes currently in the group."""
        path = self.dirs["pids" if self.version == "v1" else ""] / "cgroup.procs"
        try:
            return [int(line) for line in path.read_text().split()]
        except OSError:
            return []

    def kill(self, timeout: float = 5.0) -> None:
        """SIGKILL everything in the group until it is empty (a fork bomb cannot outrun it)."""
        if self.version == "v2":
            with contextlib.suppress(OSError):
                _write(self.dirs[""] / "cgroup.kill", "1")
        deadline = time.monotonic() + timeout
        while (pids := self.pids()) and time.monotonic() < deadline:  # empty at once after a clean exit
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.005)

    def _counter(self, controller: str, filename: str, key: str) -> int:
        path = self.dirs[controller if self.version == "v1" else ""] / filename
        with contextlib.suppress(OSError):
            for line in path.read_text().splitlines():
                name, _, value = line.partition(" ")
                if name == key:
                    return int(value)
        return 0

    def oom_kills(self) -> int:
        """How many processes the kernel killed for exceeding the memory limit."""
        if self.version == "v1":
            return self._counter("memory", "memory.oom_control", "oom_kill")
        return self._counter("", "memory.events", "oom_kill")

    def pids_refusals(self) -> int:
        """How many forks the pids limit refused."""
        return self._counter("pids", "pids.events", "max")

    def remove(self) -> None:
        """Kill what is left and delete the group."""
        self.kill()
        for path in self.dirs.values():
            with contextlib.suppress(FileNotFoundError):
                path.rmdir()


def group_name(box_id: str) -> str:
    """``<box id>-<owner pid>-<owner start time>``: any host process can tell whether the owner lives."""
    identity = process_identity(os.getpid()) or "0:0"
    return f"{box_id}-{identity.replace(':', '-')}"


def group_owner(name: str) -> str:
    """The ``pid:starttime`` identity encoded in a group name by ``group_name``."""
    _, _, owner = name.partition("-")
    return owner.replace("-", ":")


def leftover_groups() -> list[Cgroup]:
    """Groups of sandboxes (of every owner and data dir) under ``agentfleet/`` that exist right now."""
    version = available()
    if version is None:
        return []
    parent = CGROUP_ROOT / ("pids" if version == "v1" else "") / _PARENT
    if not parent.is_dir():
        return []
    return [Cgroup.named(child.name, version) for child in parent.iterdir() if child.is_dir()]


def docker_cgroup(container_id: str) -> Cgroup | None:
    """The cgroup dockerd made for a container (cgroupfs or systemd driver), to read its OOM kills."""
    v1 = {c: CGROUP_ROOT / c / "docker" / container_id for c in _V1}
    if v1["memory"].is_dir():
        return Cgroup(v1, "v1")
    for path in (CGROUP_ROOT / "system.slice" / f"docker-{container_id}.scope", CGROUP_ROOT / "docker" / container_id):
        if path.is_dir():
            return Cgroup({"": path}, "v2")
    return None
