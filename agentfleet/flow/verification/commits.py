"""The commit graph verification reads: one bare repository per fleet repo under the data dir, fetched from the
repo's location (branches and tags) and, on the local forge, from the forge's default branch (where its PRs
merge). Nothing is checked out; release names from production are checked before git sees them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from agentfleet.core.context import Context
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.git import commit_sha, git
from agentfleet.core.redact import redact
from agentfleet.flow.investigation.mapping import SuffixIndex
from agentfleet.flow.investigation.source import SourceRepo
from agentfleet.forges.factory import open_forge
from agentfleet.forges.local import LocalForge
from agentfleet.forges.policy import reverted_commits

__all__ = ["Commits"]

log = logging.getLogger(__name__)
T = TypeVar("T")

REVERT_SCAN = 5000
"""Commits of the default branch searched for a revert of a watched merge."""


class Commits:
    """What verification asks of a repo's history: which commit a name is, what contains what, who changed a
    line, what a merge changed."""

    def __init__(self, path: Path, location: str, default_branch: str, forge_dir: Path | None = None) -> None:
        self.path = path
        self.location = location
        self.branch = default_branch
        self.forge_dir = forge_dir
        self.source = SourceRepo(path)
        self._fresh = False
        self._known: dict[tuple[Any, ...], Any] = {}
        """Answers already computed: commits never change, and an instance lives for one verify pass."""
        if not (path / "HEAD").exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            git("init", "-q", "--bare", str(path))

    @classmethod
    def of(cls, ctx: Context, repo: RepoConfig) -> Commits:
        """The verification history of ``repo`` (``<data_dir>/verify/<repo>.git``)."""
        forge = open_forge(ctx, repo)
        forge_dir = forge.bare.path if isinstance(forge, LocalForge) else None
        path = (ctx.settings.data_dir / "verify" / f"{repo.name}.git").resolve()
        return cls(path, repo.location, repo.default_branch, forge_dir)

    def _git(self, *args: str, check: bool = True) -> str:
        return git(*args, cwd=self.path, check=check)

    def refresh(self) -> None:
        """Fetch the location's branches and tags, and the local forge's default branch (once per instance)."""
        if self._fresh:
            return
        self._fresh = True
        self._known.clear()
        log.debug("verification fetch location=%s", redact(self.location))
        heads = "+refs/heads/*:refs/remotes/origin/*"
        self._git("fetch", "-q", "--prune", "--no-tags", "--", self.location, heads, "+refs/tags/*:refs/tags/*")
        forge = self.forge_dir
        if forge is not None and (forge / "HEAD").exists() and commit_sha(f"refs/heads/{self.branch}", forge):
            ref = f"+refs/heads/{self.branch}:refs/remotes/forge/{self.branch}"
            self._git("fetch", "-q", "--no-tags", "--", str(forge), ref)

    def resolve(self, ref: str) -> str | None:
        """The full SHA ``ref`` names (fetching once when it is unknown), or ``None``."""
        sha = self.source.commit_of(ref)
        if sha is None and not self._fresh:
            self.refresh()
            sha = self.source.commit_of(ref)
        return sha

    def _once(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        if key not in self._known:
            self._known[key] = compute()
        answer: T = self._known[key]
        return answer

    def contains(self, commit: str, ancestor: str) -> bool:
        """``ancestor`` is ``commit`` or one of its ancestors."""
        bases = self._once(
            ("bases", commit, ancestor), lambda: self._git("merge-base", "--all", ancestor, commit, check=False)
        )
        return ancestor in bases.split()

    def _tip(self, remote: str) -> str | None:
        return self._once(("tip", remote), lambda: self.source.commit_of(f"refs/remotes/{remote}/{self.branch}"))

    def upstream(self) -> str | None:
        """The location's default-branch tip (where triage starts new work)."""
        return self._tip("origin")

    def head(self) -> str | None:
        """The default branch's newest tip: the location's, or the local forge's when it is ahead (merged PRs
        not pulled yet)."""
        upstream = self._tip("origin")
        forge = self._tip("forge") if self.forge_dir is not None else None
        if forge is None or (upstream is not None and self.contains(upstream, forge)):
            return upstream
        return forge

    def on_default_branch(self, merge: str) -> bool:
        """The merge commit is still on the default branch. On the local forge the location may simply not have
        pulled it yet; it is gone when the location's branch moved on without it (a force-push)."""
        upstream = self._tip("origin")
        if upstream is not None and self.contains(upstream, merge):
            return True
        forge = self._tip("forge") if self.forge_dir is not None else None
        if forge is None or not self.contains(forge, merge):
            return False
        return upstream is None or self.contains(forge, upstream)

    def reverted(self, merge: str) -> bool:
        """A commit on the default branch says it reverts ``merge`` (``This reverts commit …``)."""
        head = self.head()
        if head is None:
            return False
        log = self._once(("log", head), lambda: self._git("log", f"-{REVERT_SCAN}", "--format=%B", head))
        return any(merge.startswith(sha) for sha in reverted_commits([log]))

    def unjudgeable(self, merge: str) -> str | None:
        """Why a merge cannot be judged: a human reverted it, or it left the default branch; else ``None``."""
        if not self.on_default_branch(merge):
            return f"merge {merge[:12]} is no longer on the default branch (force-pushed history?)"
        if self.reverted(merge):
            return f"merge {merge[:12]} was reverted on the default branch"
        return None

    def changed_by(self, merge: str) -> frozenset[str]:
        """The commits a merge brought to the default branch (the merge itself included)."""
        listed = self._once(("changed", merge), lambda: self._git("rev-list", f"{merge}^1..{merge}"))
        return frozenset(listed.split()) | {merge}

    def introduced(self, commit: str, path: str, line: int) -> str | None:
        """The commit that last changed ``path`` line ``line`` as of ``commit``."""
        out = self._once(("blame", commit, path, line), lambda: self.source.blame(commit, path, line, line))
        first = out.split(maxsplit=1)[0] if out.strip() else ""
        return first if len(first) == 40 else None

    def index(self, commit: str) -> SuffixIndex:
        """The files at ``commit``, to map reported frames onto."""
        return self._once(("index", commit), lambda: SuffixIndex(self.source.files(commit)))

    def diff(self, old: str, new: str) -> str:
        """The unified diff from ``old`` to ``new`` (``merge^1, merge``: what a merge did; reversed: its revert)."""
        return self._git("diff", "--no-color", "--no-ext-diff", "--full-index", old, new)
