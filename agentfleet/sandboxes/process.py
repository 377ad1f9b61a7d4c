"""Run one host process that wraps a sandboxed command: capped output, wall clock, kill the tree."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Sequence

from agentfleet.contracts import SandboxResult
from agentfleet.sandboxes.cgroups import Cgroup
from agentfleet.sandboxes.output import CappedBuffer, pump_pipes

__all__ = ["enter_cgroup", "execute", "make_result"]

_ENTER = 'while [ "$1" != -- ]; do echo $$ > "$1"; shift; done; shift; exec "$@"'


def enter_cgroup(group: Cgroup | None, argv: Sequence[str]) -> list[str]:
    """``argv`` prefixed so that the process joins ``group`` before it starts (no thread-unsafe preexec)."""
    if group is None:
        return list(argv)
    return ["/bin/sh", "-c", _ENTER, "sh", *group.procs_files, "--", *argv]


def limit_counters(group: Cgroup | None) -> tuple[int, int]:
    """The group's (memory kills, refused forks) so far; compare before and after a command."""
    return (group.oom_kills(), group.pids_refusals()) if group is not None else (0, 0)


def limit_hit(group: Cgroup | None, before: tuple[int, int], exit_code: int) -> str | None:
    """``memory`` or ``pids`` when that limit stopped the command (a failed command that met a refused fork)."""
    oom, pids = limit_counters(group)
    if oom > before[0]:
        return "memory"
    return "pids" if pids > before[1] and exit_code != 0 else None


def _killed_by(timed_out: bool, exit_code: int, limit: str | None) -> str | None:
    if timed_out:
        return "timeout"
    if limit:
        return limit
    return "signal" if exit_code < 0 else None


def make_result(
    display: str,
    started: float,
    exit_code: int,
    out: CappedBuffer,
    err: CappedBuffer,
    *,
    timed_out: bool,
    limit: str | None,
) -> SandboxResult:
    """The ``SandboxResult`` of one command that started at monotonic time ``started``."""
    return SandboxResult(
        command=display,
        exit_code=exit_code,
        duration_s=round(time.monotonic() - started, 4),
        stdout=out.text(),
        stderr=err.text(),
        timed_out=timed_out,
        killed_by=_killed_by(timed_out, exit_code, limit),
        stdout_bytes=out.total,
        stderr_bytes=err.total,
    )


def execute(
    argv: Sequence[str],
    *,
    display: str,
    timeout: float,
    cap: int,
    group: Cgroup | None,
    pass_fds: Sequence[int] = (),
) -> SandboxResult:
    """Run ``argv`` (already sandboxed) to completion or until ``timeout``; every process it left is killed."""
    out, err = CappedBuffer(cap), CappedBuffer(cap)
    counters = limit_counters(group)
    started = time.monotonic()
    proc = subprocess.Popen(
        enter_cgroup(group, argv),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin"},
        start_new_session=True,
        pass_fds=tuple(pass_fds),
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    deadline = started + timeout
    finished = False
    try:
        finished = pump_pipes({proc.stdout: out, proc.stderr: err}, deadline) and _exited(proc, deadline)
    finally:
        if not finished:
            _kill_tree(proc, group)
        exit_code = proc.wait()
        if group is not None:
            group.kill()
        proc.stdout.close()
        proc.stderr.close()
    limit = limit_hit(group, counters, exit_code)
    return make_result(display, started, exit_code, out, err, timed_out=not finished, limit=limit)


def _exited(proc: subprocess.Popen[bytes], deadline: float) -> bool:
    """Wait for ``proc`` (its pipes are closed already) until ``deadline``."""
    try:
        proc.wait(max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        return False
    return True


def _kill_tree(proc: subprocess.Popen[bytes], group: Cgroup | None) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    if group is not None:
        group.kill()
