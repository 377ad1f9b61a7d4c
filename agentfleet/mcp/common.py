"""What every agentfleet MCP server shares: honest tool annotations, path checks, output caps."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import PurePosixPath
from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations

from agentfleet.core.errors import AgentfleetError

__all__ = [
    "EDITS",
    "READ_ONLY",
    "RUNS_CODE",
    "WRITES_ONCE",
    "ToolError",
    "cap",
    "clean_path",
    "new_server",
    "numbered",
    "refusals",
]

READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False)
"""Looks, never changes anything."""
WRITES_ONCE = ToolAnnotations(read_only_hint=False, destructive_hint=False, idempotent_hint=True, open_world_hint=False)
"""Adds something new and overwrites nothing; repeating the call changes nothing more."""
EDITS = ToolAnnotations(read_only_hint=False, destructive_hint=True, idempotent_hint=False, open_world_hint=False)
"""Changes existing content."""
RUNS_CODE = ToolAnnotations(read_only_hint=False, destructive_hint=True, idempotent_hint=False, open_world_hint=False)
"""Runs arbitrary code (offline, inside the sandbox): anything in the sandbox may change."""

DEFAULT_CAP = 20_000
"""Characters of one tool result shown to a model."""


def clean_path(path: str) -> str:
    """A normalised repo-relative path; ``ToolError`` for absolute paths, ``..``, ``.git`` or odd bytes."""
    if not path or "\x00" in path or "\\" in path:
        raise ToolError(f"invalid path {path!r}: give a repository-relative path like 'src/app.py'")
    pure = PurePosixPath(path)
    if pure.is_absolute():
        raise ToolError(f"path {path!r} is absolute; paths are relative to the repository root")
    parts = [part for part in pure.parts if part != "."]
    if ".." in parts:
        raise ToolError(f"path {path!r} leaves the repository ('..' is not allowed)")
    if parts and parts[0] == ".git":
        raise ToolError(f"path {path!r} is inside .git, which tools may not touch")
    return "/".join(parts) or "."


def cap(text: str, limit: int = DEFAULT_CAP) -> str:
    """``text`` cut to ``limit`` characters (head and tail), with a marker where it was cut."""
    if len(text) <= limit:
        return text
    half = limit // 2
    dropped = len(text) - 2 * half
    return f"{text[:half]}\n[... {dropped} characters omitted ...]\n{text[-half:]}"


def numbered(text: str, start: int = 1, end: int | None = None) -> str:
    """Lines ``start``..``end`` (1-based, inclusive) of ``text``, each prefixed with its number."""
    lines = text.splitlines()
    if start < 1:
        raise ToolError(f"start_line must be 1 or more (got {start})")
    if lines and start > len(lines):
        raise ToolError(f"start_line {start} is past the end of the file ({len(lines)} lines)")
    stop = len(lines) if end is None else min(end, len(lines))
    width = len(str(stop or 1))
    return "\n".join(f"{n:>{width}}\t{lines[n - 1]}" for n in range(start, stop + 1))


@contextmanager
def refusals() -> Iterator[None]:
    """Turn agentfleet's own errors (a refused path, a failed git command) into a ``ToolError`` the model reads."""
    try:
        yield
    except AgentfleetError as exc:
        raise ToolError(str(exc)) from None


def new_server(
    name: str, instructions: str, tools: Mapping[Callable[..., Any], ToolAnnotations], **options: Any
) -> MCPServer:
    """An ``MCPServer`` offering ``tools`` (function → its hints); ``options`` go to ``MCPServer`` (auth)."""
    server = MCPServer(name, instructions=instructions, **options)
    for fn, hints in tools.items():
        server.add_tool(fn, annotations=hints, structured_output=False)
    return server
