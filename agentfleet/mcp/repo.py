"""The ``repo`` MCP server: read-only views of one repository at one commit.

Everything is read from git's object database at the pinned commit (``git show``, ``ls-tree``,
``grep``, ``log``, ``blame``): no checkout, no working tree, nothing a tool could write to, and
symlinks are shown as their target text, never followed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from fnmatch import fnmatchcase
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mcp.server.mcpserver import MCPServer

from agentfleet.core.git import git
from agentfleet.mcp.common import READ_ONLY, ToolError, cap, clean_path, new_server, numbered, refusals
from agentfleet.sandboxes.factory import repo_mirror

__all__ = ["RepoTools", "build", "opened"]

if TYPE_CHECKING:
    from agentfleet.core.context import Context
    from agentfleet.core.fleet import RepoConfig

_REV = re.compile(r"^[0-9a-fA-F]{4,64}$")


class RepoTools:
    """Read-only git queries on ``git_dir`` at ``commit``."""

    def __init__(self, git_dir: str | Path, commit: str) -> None:
        """``commit`` is a full SHA present in ``git_dir`` (``at`` resolves one)."""
        self.git_dir = Path(git_dir)
        self.commit = commit

    @classmethod
    def at(cls, ctx: Context, repo: RepoConfig, commit: str | None = None) -> RepoTools:
        """Tools on the host-side mirror of fleet repo ``repo`` at ``commit`` (default: its default branch)."""
        mirror = repo_mirror(ctx, repo)
        return cls(mirror.path, mirror.resolve(commit or repo.default_branch))

    def _git(self, *args: str) -> str:
        with refusals():
            return git(*args, cwd=self.git_dir, timeout=60)

    def read_file(self, path: str, start_line: int = 1, end_line: int | None = None) -> str:
        """Lines of a file at the work's base commit, numbered (1-based, ``end_line`` inclusive)."""
        path = clean_path(path)
        kind = self._git("cat-file", "-t", f"{self.commit}:{path}").strip() if path != "." else "tree"
        if kind != "blob":
            raise ToolError(f"{path!r} is a directory; use list_files to see what it holds")
        return cap(numbered(self._git("show", f"{self.commit}:{path}"), start_line, end_line))

    def list_files(self, pattern: str = "*", limit: int = 500) -> str:
        """Files whose path matches a shell pattern (``*`` also crosses directories: ``src/*.py``)."""
        names = [
            n for n in self._git("ls-tree", "-r", "--name-only", self.commit).splitlines() if fnmatchcase(n, pattern)
        ]
        more = f"\n[{len(names) - limit} more not shown]" if len(names) > limit else ""
        return "\n".join(names[:limit]) + more if names else f"no file matches {pattern!r}"

    def search(self, regex: str, path: str = ".", max_results: int = 100) -> str:
        """Lines matching a regular expression (Perl syntax) under ``path``, as ``path:line:text``."""
        try:
            re.compile(regex)
        except re.error as exc:
            raise ToolError(f"invalid regular expression {regex!r}: {exc}") from None
        out = git(
            "grep", "-n", "-I", "-P", "--max-count", str(max_results), "-e", regex, self.commit,
            "--", clean_path(path), cwd=self.git_dir, check=False, timeout=60,
        )  # fmt: skip
        prefix = f"{self.commit}:"
        hits = [line.removeprefix(prefix) for line in out.splitlines()][:max_results]
        return cap("\n".join(hits)) if hits else f"no match for {regex!r}"

    def git_log(self, path: str | None = None, max_count: int = 20) -> str:
        """Commits up to the base commit, newest first (optionally only those touching ``path``)."""
        paths = ["--", clean_path(path)] if path else []
        fmt = "--format=%H %ad %an%n    %s"
        return cap(self._git("log", fmt, "--date=short", f"--max-count={max_count}", self.commit, *paths))

    def git_show(self, rev: str) -> str:
        """One commit (the base commit or an ancestor, by hex SHA): message, stats and patch."""
        if not _REV.match(rev):
            raise ToolError(f"rev {rev!r} must be a commit SHA (hex) from git_log")
        sha = self._git("rev-parse", "--verify", "--end-of-options", f"{rev}^{{commit}}").strip()
        if self._git("merge-base", sha, self.commit).strip() != sha:
            raise ToolError(f"commit {rev} is not in the history of the base commit {self.commit[:12]}")
        return cap(self._git("show", "--stat", "--patch", "--format=fuller", sha, "--"))

    def git_blame(self, path: str, start_line: int = 1, end_line: int | None = None) -> str:
        """Who last changed each line of a file at the base commit (short SHA, author, date, line)."""
        path = clean_path(path)
        span = f"{start_line},{end_line}" if end_line else f"{start_line},"
        return cap(self._git("blame", "--date=short", "-L", span, self.commit, "--", path))


def build(tools: RepoTools, **options: Any) -> MCPServer:
    """The ``repo`` server over ``tools``; every tool is read-only. ``options`` go to ``MCPServer``."""
    fns = (tools.read_file, tools.list_files, tools.search, tools.git_log, tools.git_show, tools.git_blame)
    instructions = f"Read-only views of the repository at commit {tools.commit}."
    return new_server("repo", instructions, dict.fromkeys(fns, READ_ONLY), **options)


@contextmanager
def opened(ctx: Context, repo: RepoConfig, commit: str | None = None, **options: Any) -> Iterator[MCPServer]:
    """The ``repo`` server for fleet repo ``repo`` at ``commit`` (default: its default branch)."""
    yield build(RepoTools.at(ctx, repo, commit), **options)
