"""git on the host over a sandbox's working tree, with a git dir the sandbox cannot reach.

The host's global and system git config are off: the working tree was written by untrusted code, and a
``.gitattributes`` there must not trigger a filter or diff driver the host configured. Output that can be
as large as the tree (a diff) is read with a cap: past it the command is killed and nothing more is read.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from agentfleet.core.childenv import child_environment
from agentfleet.core.errors import PermanentError
from agentfleet.core.git import git

__all__ = ["HostGit", "OutputTooLarge"]

_TIMEOUT_S = 300
"""Longest a host-side git command over a sandbox tree may take (a huge tree the sandbox wrote)."""


class OutputTooLarge(PermanentError):
    """A git command printed more than its cap; it was killed."""


@dataclass(frozen=True)
class HostGit:
    """git over ``work`` (the sandbox's tree) with ``mirror`` as the repository and ``private`` as the index
    and new-object store (never mounted into the sandbox)."""

    mirror: Path
    work: Path
    private: Path

    def _env(self) -> dict[str, str]:
        return {
            "GIT_DIR": str(self.mirror),
            "GIT_WORK_TREE": str(self.work),
            "GIT_INDEX_FILE": str(self.private / "index"),
            "GIT_OBJECT_DIRECTORY": str(self.private / "objects"),
            "GIT_ALTERNATE_OBJECT_DIRECTORIES": str(self.mirror / "objects"),
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_CONFIG_NOSYSTEM": "1",
        }

    def _config(self) -> list[str]:
        options = ["safe.directory=*", "core.hooksPath=/dev/null", "core.fsmonitor=false"]
        options.append(f"core.excludesFile={self.private / 'exclude'}")
        return [arg for option in options for arg in ("-c", option)]

    def run(self, *args: str, stdin: str | None = None) -> str:
        """stdout of ``git args``; ``PermanentError`` with git's message when it fails."""
        return git(*self._config(), *args, cwd=self.work, env=self._env(), input=stdin, timeout=_TIMEOUT_S)

    def capped(self, limit: int, *args: str) -> str:
        """stdout of ``git args``, read up to ``limit`` bytes; ``OutputTooLarge`` (and the command killed) past it."""
        argv = ["git", *self._config(), *args]
        with tempfile.TemporaryFile() as errors, subprocess.Popen(
            argv, cwd=self.work, env=child_environment(self._env()), stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=errors,
        ) as proc:  # fmt: skip
            timer = threading.Timer(_TIMEOUT_S, proc.kill)
            timer.start()
            try:
                out = _read_at_most(proc, limit)
            finally:
                timer.cancel()
            if out is None:
                raise OutputTooLarge(f"git {args[0]} printed more than {limit} bytes")
            if proc.wait() != 0:
                errors.seek(0)
                message = errors.read()[-500:].decode(errors="replace").strip()
                raise PermanentError(f"git {' '.join(args)} failed in {self.work}: {message}")
        try:
            return out.decode("utf-8")
        except UnicodeDecodeError as exc:
            why = f"{exc.reason} at byte {exc.start}"
            raise PermanentError(f"git {args[0]} printed text that is not UTF-8 ({why})") from None


def _read_at_most(proc: subprocess.Popen[bytes], limit: int) -> bytes | None:
    """All of ``proc``'s stdout, or ``None`` (``proc`` killed) once it passes ``limit`` bytes."""
    assert proc.stdout is not None
    chunks, size = [], 0
    while chunk := os.read(proc.stdout.fileno(), 1 << 16):
        size += len(chunk)
        if size > limit:
            proc.kill()
            return None
        chunks.append(chunk)
    return b"".join(chunks)
