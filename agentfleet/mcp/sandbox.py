"""The ``sandbox`` MCP server: look at, edit and run code inside ONE task's sandbox.

Bound to a single ``Sandbox`` when built; it has no way to name another. Paths are repository
relative: absolute paths, ``..``, ``.git`` and any path through a symbolic link are refused (a
link could point a host-side read or write of the sandbox backend outside the working copy).
Commands run inside the sandbox, offline, under its limits.
"""

from __future__ import annotations

import shlex
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from mcp.server.mcpserver import MCPServer
from mcp.types import ToolAnnotations

from agentfleet.contracts import SandboxResult
from agentfleet.mcp.common import (
    EDITS,
    READ_ONLY,
    RUNS_CODE,
    WRITES_ONCE,
    ToolError,
    cap,
    clean_path,
    new_server,
    numbered,
    refusals,
)
from agentfleet.sandboxes import Sandbox

__all__ = ["SandboxTools", "build", "describe_result", "opened"]

if TYPE_CHECKING:
    from agentfleet.core.context import Context
    from agentfleet.core.fleet import RepoConfig

_PROBE = (
    'p="$1"; shift; for c in "$@"; do if [ -L "$c" ]; then echo "link $c"; fi; done; '
    'if [ -L "$p" ]; then echo "link $p"; elif [ -d "$p" ]; then echo dir; elif [ -f "$p" ]; then echo file; '
    'elif [ -e "$p" ]; then echo other; else echo missing; fi'
)
_LIST = "find . -maxdepth 2 -not -path './.git' -not -path './.git/*' -not -name '*.pyc' | sort | head -n 400"


def describe_result(result: SandboxResult) -> str:
    """A command's outcome as the model reads it: exit status, then capped stdout and stderr."""
    status = f"exit code {result.exit_code}"
    if result.timed_out or result.killed_by:
        status += f" (killed: {result.killed_by or 'timeout'})"
    parts = [f"$ {result.command}", f"{status} after {result.duration_s:.1f}s"]
    if result.stdout:
        parts += ["--- stdout ---", cap(result.stdout, 12_000)]
    if result.stderr:
        parts += ["--- stderr ---", cap(result.stderr, 6_000)]
    return "\n".join(parts)


class SandboxTools:
    """Tools on one sandbox; calls are serialised so a check and the action it guards stay together."""

    def __init__(
        self, box: Sandbox, test_command: str, *, timeout_s: float = 600, time_left: Callable[[], float] | None = None
    ) -> None:
        self.box = box
        self.test_command = test_command
        self.timeout_s = timeout_s
        self.time_left = time_left
        """Seconds the caller has left (an agent's time budget); commands never run longer."""
        self._lock = threading.Lock()

    def _timeout(self, wanted: float) -> float:
        limit = min(wanted, self.timeout_s)
        return max(1.0, min(limit, self.time_left()) if self.time_left else limit)

    def _kind(self, path: str) -> str:
        """``file``, ``dir``, ``other`` or ``missing``; ``ToolError`` when the path goes through a link."""
        parents = [str(p) for p in reversed(PurePosixPath(path).parents) if str(p) != "."]
        found = self.box.run(["sh", "-c", _PROBE, "sh", path, *parents], timeout=30)
        lines = found.stdout.split()
        if found.exit_code != 0 or not lines:
            raise ToolError(f"could not inspect {path!r} in the sandbox: {found.stderr.strip()[:300]}")
        if "link" in lines:
            raise ToolError(f"{path!r} goes through a symbolic link; tools only follow real paths in the sandbox")
        return lines[-1]

    def view(self, path: str = ".", start_line: int = 1, end_line: int | None = None) -> str:
        """A file's lines, numbered (``end_line`` inclusive), or a directory's entries two levels deep."""
        path = clean_path(path)
        with self._lock, refusals():
            kind = self._kind(path)
            if kind == "dir":
                listing = self.box.run(["sh", "-c", f"cd -- {shlex.quote(path)} && {_LIST}"], timeout=30)
                return cap(listing.stdout or "(empty directory)")
            if kind != "file":
                raise ToolError(
                    f"{path!r} does not exist in the sandbox" if kind == "missing" else f"{path!r} is not a file"
                )
            return cap(numbered(self.box.read(path), start_line, end_line))

    def create(self, path: str, content: str) -> str:
        """Create a new file (parent directories too); refuses to overwrite an existing path."""
        path = clean_path(path)
        with self._lock, refusals():
            if self._kind(path) != "missing":
                raise ToolError(f"{path!r} already exists; use str_replace to change it")
            self.box.write(path, content)
        return f"created {path} ({len(content.splitlines())} lines)"

    def str_replace(self, path: str, old_str: str, new_str: str) -> str:
        """Replace the one occurrence of ``old_str`` in a file with ``new_str`` (include enough context)."""
        path = clean_path(path)
        if not old_str:
            raise ToolError("old_str is empty; give the exact text to replace, with a few lines of context")
        with self._lock, refusals():
            if self._kind(path) != "file":
                raise ToolError(f"{path!r} is not an existing file in the sandbox")
            text = self.box.read(path)
            count = text.count(old_str)
            if count != 1:
                where = "does not occur" if count == 0 else f"occurs {count} times; add context to make it unique"
                raise ToolError(f"old_str {where} in {path}")
            edited = text.replace(old_str, new_str, 1)
            self.box.write(path, edited)
        first = text.count("\n", 0, text.index(old_str)) + 1
        shown = numbered(edited, first, first + new_str.count("\n"))
        return f"edited {path}; new text:\n{shown}"

    def run_command(self, command: str, timeout_s: float = 120) -> str:
        """Run a shell command in the repository root inside the sandbox (offline); exit code and output."""
        with self._lock, refusals():
            return describe_result(self.box.run(command, timeout=self._timeout(timeout_s)))

    def run_tests(self, args: str = "") -> str:
        """Run the repository's test command (optionally with extra arguments, e.g. a test file)."""
        extra = " ".join(shlex.quote(a) for a in shlex.split(args))
        with self._lock, refusals():
            return describe_result(
                self.box.run(f"{self.test_command} {extra}".strip(), timeout=self._timeout(self.timeout_s))
            )

    def diff(self) -> str:
        """The unified diff of every change made in the sandbox so far."""
        with self._lock, refusals():
            return cap(self.box.diff()) or "no changes yet"


def build(tools: SandboxTools, **options: Any) -> MCPServer:
    """The ``sandbox`` server over ``tools`` (one sandbox, nothing outside it). ``options`` go to ``MCPServer``."""
    annotated: dict[Callable[..., str], ToolAnnotations] = {
        tools.view: READ_ONLY, tools.diff: READ_ONLY, tools.create: WRITES_ONCE, tools.str_replace: EDITS,
        tools.run_command: RUNS_CODE, tools.run_tests: RUNS_CODE,
    }  # fmt: skip
    instructions = "Edit and run code inside this task's sandbox only (no network)."
    return new_server("sandbox", instructions, annotated, **options)


@contextmanager
def opened(ctx: Context, repo: RepoConfig, commit: str | None = None, **options: Any) -> Iterator[MCPServer]:
    """A new sandbox of ``repo`` at ``commit`` (default: its default branch) and the server bound to it."""
    from agentfleet.sandboxes.factory import open_sandbox

    with open_sandbox(ctx, repo, commit or repo.default_branch) as box:
        yield build(SandboxTools(box, repo.test, timeout_s=ctx.settings.sandbox.timeout_s), **options)
