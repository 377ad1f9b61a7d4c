"""Read-only git access to a repository at a commit: files, file text, blame, grep.

Nothing is checked out and nothing of the repository runs: only git plumbing reads objects.
Names that come from production events (a release) are checked before git sees them.
"""

from __future__ import annotations

import re
from pathlib import Path

from agentfleet.core.git import commit_sha, git

__all__ = ["SourceRepo"]

_SAFE_REF = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./@+-]{0,199}$")


class SourceRepo:
    """A git directory (bare or not) read at explicit commits."""

    def __init__(self, git_dir: str | Path) -> None:
        self.git_dir = str(git_dir)

    def _git(self, *args: str, check: bool = True) -> str:
        return git("-c", "core.quotePath=false", *args, cwd=self.git_dir, check=check)

    def commit_of(self, ref: str) -> str | None:
        """The full SHA ``ref`` names, when it is a safe name for a commit in this repo."""
        if not _SAFE_REF.match(ref) or ".." in ref:
            return None
        return commit_sha(ref, self.git_dir)

    def release_commit(self, release: str) -> str | None:
        """The commit a release names: itself, the version after ``name@``, or a ``v``-prefixed tag."""
        version = release.rpartition("@")[2]
        for candidate in dict.fromkeys((release, version, f"v{version}", version.partition("+")[2])):
            sha = self.commit_of(candidate) if candidate else None
            if sha:
                return sha
        return None

    def files(self, commit: str) -> list[str]:
        """Every file path at ``commit``."""
        return self._git("ls-tree", "-r", "--name-only", "--full-tree", commit).splitlines()

    def lines(self, commit: str, path: str) -> list[str]:
        """The lines of ``path`` (one of ``files(commit)``) at ``commit``."""
        return self._git("cat-file", "-p", f"{commit}:{path}").splitlines()

    def blame(self, commit: str, path: str, start: int, end: int) -> str:
        """``git blame --porcelain`` of lines ``start``–``end`` of ``path`` at ``commit``."""
        return self._git("blame", "--porcelain", "-L", f"{start},{end}", commit, "--", path, check=False)

    def line_log(self, commit: str, path: str, start: int, end: int, limit: int) -> str:
        """``git log -L`` of lines ``start``–``end`` of ``path`` back from ``commit``: the newest ``limit``
        commits that changed them, each a ``\\0``-separated header (sha, author, email, time, subject)
        followed by its diff of those lines (deleted lines included, which blame cannot show)."""
        header = "%x00%H%x00%an%x00%ae%x00%at%x00%s"
        return self._git("log", f"-L{start},{end}:{path}", f"--format={header}", "-n", str(limit), commit, check=False)

    def grep(self, commit: str, words: list[str], pathspecs: list[str]) -> dict[str, set[str]]:
        """Which of ``words`` (whole words) each file matching ``pathspecs`` mentions at ``commit``."""
        found: dict[str, set[str]] = {}
        for word in words:
            out = self._git("grep", "-l", "-w", "-F", "-e", word, commit, "--", *pathspecs, check=False)
            for line in out.splitlines():
                found.setdefault(line.partition(":")[2], set()).add(word)
        return found
