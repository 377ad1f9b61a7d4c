"""Sandboxes: disposable, isolated working copies where untrusted code is edited and run.

``Sandbox`` is the protocol every backend implements (``docker``, ``bwrap``); a backend class has the
``SandboxFactory`` class method ``open``. ``SANDBOXES`` names the built-ins (a dotted path names any
other). Paths given to ``read``/``write`` are relative to the repository root.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Protocol

from agentfleet.contracts import SandboxResult

if TYPE_CHECKING:
    from agentfleet.core.fleet import RepoConfig
    from agentfleet.sandboxes.config import SandboxConfig

__all__ = ["SANDBOXES", "Sandbox", "SandboxFactory"]

SANDBOXES: dict[str, str] = {
    "docker": "agentfleet.sandboxes.docker.sandbox.DockerSandbox",
    "bwrap": "agentfleet.sandboxes.bwrap.box.BwrapSandbox",
}


class Sandbox(Protocol):
    """A clean working copy of a repo at a commit, isolated, destroyed on exit."""

    workdir: str
    """Where the repository is checked out, as seen by commands inside the sandbox."""

    def __enter__(self) -> Sandbox: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def run(
        self, cmd: str | Sequence[str], *, timeout: float | None = None, env: Mapping[str, str] | None = None
    ) -> SandboxResult:
        """Run ``cmd`` (a shell string or argv) in ``workdir``, offline, within the limits."""
        ...

    def read(self, path: str) -> str:
        """Text of the repo-relative file ``path``."""
        ...

    def write(self, path: str, content: str) -> None:
        """Create or replace the repo-relative file ``path``."""
        ...

    def diff(self) -> str:
        """Unified diff of the working copy against the base commit (new files included)."""
        ...

    def apply(self, diff: str) -> None:
        """Apply a unified diff to the working copy; ``PermanentError`` when it does not apply."""
        ...

    def close(self) -> None:
        """Destroy the sandbox: kill its processes, delete its workspace (idempotent; ``__exit__`` calls it)."""
        ...


class SandboxFactory(Protocol):
    """What a backend class (a ``SANDBOXES`` entry or a dotted path) must have: a class method ``open``."""

    def open(self, config: SandboxConfig, sandbox_dir: Path, repo: RepoConfig, commit: str) -> Sandbox:
        """A sandbox with ``repo`` checked out at ``commit``; host-side state lives under ``sandbox_dir``."""
        ...
