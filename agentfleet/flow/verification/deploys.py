"""Which commit production ran when: releases named by events, mapped per ``[repos.errors] release_format``,
and deploys declared with ``agentfleet deployed`` (for releases that carry no SHA).

A release that maps to no commit is reported once (one ledger row), not per event, and looked up again
every ``RETRY_UNMAPPED_S`` in case its tag arrives later.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta

from agentfleet.contracts import utcnow
from agentfleet.flow.delivery.record import VERIFY
from agentfleet.flow.verification.commits import Commits
from agentfleet.store import Store, deploys, ledger

__all__ = ["Deploys", "release_commit"]

log = logging.getLogger(__name__)

MERGE_LAG = timedelta(days=1)
"""Releases first seen up to this long before the fleet recorded a merge may contain it (a merge on the
forge is recorded when the review sync sees it)."""
RETRY_UNMAPPED_S = 600
"""A release that named no commit is looked up again after this long (its tag may be pushed later)."""
_SHA = re.compile(r"^[0-9a-f]{7,40}$")


def release_commit(commits: Commits, release: str, release_format: str) -> str | None:
    """The commit ``release`` names under ``release_format`` (``sha``, ``tag``, ``name@version``), or ``None``."""
    if release_format == "sha":
        return commits.resolve(release) if _SHA.match(release) else None
    if release_format == "tag":
        return commits.resolve(f"refs/tags/{release}")
    _, at, version = release.rpartition("@")
    if not at or not version:
        return None
    return commits.resolve(f"refs/tags/{version}") or commits.resolve(f"refs/tags/v{version}")


class Deploys:
    """Deployments of one repo, read once per verify pass."""

    def __init__(self, store: Store, repo: str, commits: Commits, release_format: str) -> None:
        self.store = store
        self.repo = repo
        self.commits = commits
        self.format = release_format
        self.mapped = deploys.known_releases(store, repo)
        self.declared = deploys.declared(store, repo)

    def commit_of(self, release: str) -> str | None:
        """The commit ``release`` names (looked up once, remembered in the store)."""
        known = self.mapped.get(release)
        if known is not None and (known[0] or known[1] > utcnow() - timedelta(seconds=RETRY_UNMAPPED_S)):
            return known[0]
        sha = release_commit(self.commits, release, self.format)
        first = deploys.remember_release(self.store, self.repo, release, sha)
        self.mapped[release] = (sha, utcnow())
        if sha is None and first:
            log.warning("release maps to no commit repo=%s release=%r format=%s", self.repo, release, self.format)
            ledger.append(
                self.store,
                stage=VERIFY,
                outcome="unmapped-release",
                repo=self.repo,
                outputs={"release": release, "release_format": self.format, "hint": _HINT[self.format]},
            )
        return sha

    def commit_at(self, release: str | None, received: datetime) -> str | None:
        """The commit an event came from: its release's, else the last deploy declared before it arrived."""
        sha = self.commit_of(release) if release else None
        if sha is not None:
            return sha
        earlier = [commit for commit, at in self.declared if at <= received]
        return earlier[-1] if earlier else None

    def first_containing(self, merge: str, merged_at: datetime) -> tuple[datetime, str] | None:
        """When production first ran a commit containing ``merge`` (merged, as far as the fleet knows, at
        ``merged_at``), and how that is known; ``None``: not yet."""
        since = merged_at - MERGE_LAG
        found = [
            (at, f"release {release!r}")
            for release, at in deploys.release_times(self.store, self.repo, since)
            if (sha := self.commit_of(release)) and self.commits.contains(sha, merge)
        ]
        found += [(at, f"declared {sha[:12]}") for sha, at in self.declared if self.commits.contains(sha, merge)]
        return min(found) if found else None


_HINT = {
    "sha": "set [repos.errors] release_format (tag, name@version), or declare deploys with `agentfleet deployed`",
    "tag": "push the tag to the repo location, or declare the deploy with `agentfleet deployed`",
    "name@version": "tag the commit `<version>` or `v<version>`, or declare the deploy with `agentfleet deployed`",
}
