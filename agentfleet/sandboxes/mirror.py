"""Host-side bare mirrors of fleet repositories, fetched on demand and shared by every sandbox."""

from __future__ import annotations

import fnmatch
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from agentfleet.contracts import stable_hash
from agentfleet.core.errors import PermanentError
from agentfleet.core.git import IDENTITY, commit_diff_tree, commit_sha, git
from agentfleet.core.redact import redact
from agentfleet.sandboxes.hostfs import file_lock

if TYPE_CHECKING:
    from agentfleet.core.fleet import RepoConfig

__all__ = ["Mirror", "mirrors_dir"]

log = logging.getLogger(__name__)


_KNOWN: set[tuple[Path, str]] = set()
"""(mirror, full SHA) pairs known to be present: commits never change, so the check is done once."""


def mirrors_dir(sandbox_dir: Path) -> Path:
    """Where the mirrors live under a sandbox directory: one place for sandboxes, investigation and monitors."""
    return sandbox_dir / "mirrors"


class Mirror:
    """A bare ``git clone --mirror`` of one repo location under ``cache_dir``."""

    def __init__(self, cache_dir: Path, name: str, location: str) -> None:
        self.location = location
        self.path = cache_dir / f"{name}-{stable_hash(location, length=10)}.git"

    @classmethod
    def of(cls, sandbox_dir: Path, repo: RepoConfig) -> Mirror:
        """The shared mirror of fleet repo ``repo`` under ``sandbox_dir``."""
        return cls(mirrors_dir(sandbox_dir), repo.name, repo.location)

    def _has(self, commit: str) -> str | None:
        if not self.path.exists():
            return None
        return commit_sha(commit, self.path)

    def resolve(self, commit: str) -> str:
        """The full SHA of ``commit`` (a SHA or ref), fetching from the location when it is not cached."""
        if (self.path, commit) in _KNOWN:
            return commit
        if len(commit) == 40 and (sha := self._has(commit)):
            _KNOWN.add((self.path, sha))
            return sha
        with file_lock(self.path.with_suffix(".lock")):
            if not self.path.exists():
                log.info("sandbox mirror clone location=%s", redact(self.location))
                git("clone", "--quiet", "--mirror", "--", self.location, str(self.path), timeout=600)
            elif not (len(commit) == 40 and self._has(commit)):
                git("fetch", "--quiet", "--prune", "origin", cwd=self.path, timeout=600)
            sha = self._has(commit)
        if sha is None:
            where = redact(self.location)
            why = "check the work item's base commit and the repo location"
            raise PermanentError(f"commit {commit!r} is not in {where}; {why}")
        return sha

    def dependency_key(self, commit: str, patterns: Sequence[str]) -> str:
        """A hash of the dependency files (paths and blob ids) at ``commit`` matching ``patterns``."""
        listing = git("ls-tree", "-r", "--full-tree", commit, cwd=self.path)
        parts = []
        for line in listing.splitlines():
            meta, _, path = line.partition("\t")
            if any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns):
                parts.append(f"{path}={meta.split()[2]}")
        return stable_hash(*sorted(parts))

    def commit_diff(self, base: str, diff: str) -> str:
        """A commit of ``base`` + ``diff`` in the mirror (kept under ``refs/agentfleet/``); returns its SHA.

        Opening a sandbox at it prepares the environment from the patched dependency files.
        """
        base = self.resolve(base)
        tree = commit_diff_tree(self.path, base, diff)
        sha = git(
            *IDENTITY, "commit-tree", tree, "-p", base, "-m", "agentfleet: patch under verification", cwd=self.path
        ).strip()
        git("update-ref", f"refs/agentfleet/patched/{sha}", sha, cwd=self.path)
        _KNOWN.add((self.path, sha))
        return sha
