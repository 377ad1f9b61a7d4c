"""Git plumbing on a bare repository: commit a patch to a branch, merge, diff — no working tree.

Every ref update is a compare-and-swap (``update-ref REF NEW OLD``), so two writers never lose a
commit, and a branch only ever moves forward (no force-push).
"""

from __future__ import annotations

from pathlib import Path

from agentfleet.core.errors import PermanentError
from agentfleet.core.git import IDENTITY, commit_diff_tree, commit_sha, git
from agentfleet.forges.policy import reverted_commits

__all__ = ["BareRepo"]

_ZERO = "0" * 40


class BareRepo:
    """A bare git repository at ``path``, created on first use."""

    def __init__(self, path: Path, default_branch: str) -> None:
        self.path = path
        self.default_branch = default_branch
        if not (path / "HEAD").exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            git("init", "-q", "--bare", "-b", default_branch, str(path))

    def git(self, *args: str, env: dict[str, str] | None = None) -> str:
        """Run git in this repository, as agentfleet."""
        return git(*IDENTITY, *args, cwd=self.path, env=env)

    def sha(self, ref: str) -> str | None:
        """The commit ``ref`` names, or ``None``."""
        return commit_sha(ref, self.path)

    def is_ancestor(self, older: str, newer: str) -> bool:
        """``older`` is reachable from ``newer``."""
        return older in git("merge-base", "--all", older, newer, cwd=self.path, check=False).split()

    def sync(self, location: str) -> None:
        """Fetch ``location``'s default branch; fast-forward ours to it when that loses nothing."""
        upstream = f"refs/remotes/origin/{self.default_branch}"
        self.git("fetch", "-q", "--no-tags", location, f"+refs/heads/{self.default_branch}:{upstream}")
        theirs = self.sha(upstream)
        ours = self.sha(f"refs/heads/{self.default_branch}")
        if theirs and (ours is None or self.is_ancestor(ours, theirs)):
            self.git("update-ref", f"refs/heads/{self.default_branch}", theirs, ours or _ZERO)

    def commit_patch(self, branch: str, *, base_commit: str, diff: str, message: str) -> str:
        """Commit ``base_commit`` + ``diff`` onto ``branch`` (created or moved forward); returns its head."""
        if self.sha(base_commit) is None:
            raise PermanentError(f"base commit {base_commit[:12]} is not in the forge repo {self.path}")
        tree = commit_diff_tree(self.path, base_commit, diff)
        ref = f"refs/heads/{branch}"
        current = self.sha(ref)
        if current and self.git("rev-parse", f"{current}^{{tree}}").strip() == tree:
            return current
        parents = [current] if current else []
        if not current or not self.is_ancestor(base_commit, current):
            parents.append(base_commit)
        args = [arg for parent in parents for arg in ("-p", parent)]
        head = self.git("commit-tree", tree, *args, "-m", message).strip()
        self.git("update-ref", ref, head, current or _ZERO)
        return head

    def merge(self, branch: str, message: str) -> str:
        """Merge ``branch`` into the default branch with a merge commit; returns the merge commit."""
        target = f"refs/heads/{self.default_branch}"
        ours, theirs = self.sha(target), self.sha(f"refs/heads/{branch}")
        if ours is None or theirs is None:
            raise PermanentError(f"cannot merge {branch!r}: branch or {self.default_branch!r} is missing")
        try:
            tree = self.git("merge-tree", "--write-tree", ours, theirs).split()[0]
        except PermanentError as exc:
            raise PermanentError(
                f"{branch!r} conflicts with {self.default_branch!r}; update the branch: {exc}"
            ) from None
        head = self.git("commit-tree", tree, "-p", ours, "-p", theirs, "-m", message).strip()
        self.git("update-ref", target, head, ours)
        return head

    def diff(self, base: str, head: str) -> str:
        """What ``head`` changes since its merge base with ``base``."""
        return self.git("diff", "--no-color", "--no-ext-diff", f"{base}...{head}")

    def reverted(self) -> set[str]:
        """Commits that commits on the default branch (ours or upstream's) say they revert."""
        refs = [
            r
            for r in (f"refs/heads/{self.default_branch}", f"refs/remotes/origin/{self.default_branch}")
            if self.sha(r)
        ]
        log = self.git("log", "--format=%B", *refs) if refs else ""
        return reverted_commits([log])
