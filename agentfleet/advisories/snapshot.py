"""Read-only views of a repository for discovery: a git commit (host side) or a plain directory."""

from __future__ import annotations

from pathlib import Path

from agentfleet.core.git import git, resolve_branch
from agentfleet.sandboxes.mirror import Mirror

__all__ = ["Directory", "GitTree", "git_tree_for"]


class GitTree:
    """The files of ``commit`` in the git repository at ``git_dir`` (nothing is checked out)."""

    def __init__(self, git_dir: str | Path, commit: str) -> None:
        self.git_dir = str(git_dir)
        self.commit = commit

    def read(self, path: str) -> str | None:
        """Text of ``path`` at the commit, or ``None``."""
        if path not in self._paths:
            return None
        return git("show", f"{self.commit}:{path}", cwd=self.git_dir)

    def list(self) -> list[str]:
        """Every file at the commit."""
        return sorted(self._paths)

    @property
    def _paths(self) -> set[str]:
        if not hasattr(self, "_cached"):
            out = git("ls-tree", "-r", "--name-only", "-z", self.commit, cwd=self.git_dir)
            self._cached = {p for p in out.split("\0") if p}
        return self._cached


class Directory:
    """The files under a directory (tests, benchmarks, a working copy)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).resolve()

    def read(self, path: str) -> str | None:
        """Text of ``path`` under the root, or ``None``; never reads outside the root."""
        target = (self.root / path).resolve()
        if not target.is_relative_to(self.root) or not target.is_file():
            return None
        return target.read_text(encoding="utf-8", errors="replace")

    def list(self) -> list[str]:
        """Every file under the root, ``.git`` excluded."""
        return sorted(
            str(p.relative_to(self.root)) for p in self.root.rglob("*") if p.is_file() and ".git" not in p.parts
        )


def git_tree_for(location: str, branch: str, cache_dir: Path, name: str = "repo") -> GitTree:
    """The tip of ``branch`` at ``location``: read in place when local, else from the shared, locked mirror."""
    local = Path(location)
    if local.exists():
        return GitTree(local, resolve_branch(location, branch))
    mirror = Mirror(cache_dir, name, location)
    return GitTree(mirror.path, mirror.resolve(f"refs/heads/{branch}"))
