"""What every backend does the same way: files and diffs on the host side of the workspace, the context."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from agentfleet.sandboxes.workspace import Workspace

__all__ = ["WorkspaceFiles"]


class WorkspaceFiles:
    """Mixin for sandbox backends: ``read``/``write``/``diff``/``apply`` on ``self.workspace``; ``with`` closes."""

    workspace: Workspace

    def close(self) -> None:
        """Destroy the sandbox (each backend defines it)."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def read(self, path: str) -> str:
        """Text of the repo-relative file ``path``."""
        return self.workspace.read(path)

    def write(self, path: str, content: str) -> None:
        """Create or replace the repo-relative file ``path``."""
        self.workspace.write(path, content)

    def diff(self) -> str:
        """Unified diff against the base commit, computed host-side."""
        return self.workspace.diff()

    def apply(self, diff: str) -> None:
        """Apply a unified diff to the working copy."""
        self.workspace.apply(diff)
