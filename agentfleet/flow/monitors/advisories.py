"""The ``advisories`` monitor: OSV advisories against the dependencies a repo declares on its default branch."""

from __future__ import annotations

import logging

from agentfleet.advisories.discovery import discover
from agentfleet.advisories.factory import build_auditor, http_client
from agentfleet.advisories.findings import finding_for
from agentfleet.advisories.snapshot import git_tree_for
from agentfleet.contracts import Finding
from agentfleet.core.context import Context
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.verification.advisories import verify_upgrades
from agentfleet.sandboxes.factory import sandbox_dir
from agentfleet.sandboxes.mirror import mirrors_dir

__all__ = ["AdvisoriesMonitor"]

log = logging.getLogger(__name__)


class AdvisoriesMonitor:
    """One finding per declaration that a known, not withdrawn advisory affects."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.scanned: str | None = None
        """The commit the last scan read."""

    def scan(self, repo: RepoConfig) -> list[Finding]:
        """Audit ``repo``'s default branch; unreadable manifest lines are logged, never fatal."""
        settings = self.ctx.settings
        cache_dir = settings.data_dir / "advisories"
        mirrors = mirrors_dir(sandbox_dir(settings.data_dir))
        tree = git_tree_for(repo.location, repo.default_branch, mirrors, repo.name)
        self.scanned = tree.commit
        found = discover(tree, repo.advisories.manifests or None)
        for problem in found.problems:
            log.warning("advisories repo=%s problem=%s", repo.name, problem)
        with http_client(settings.advisories) as client:
            report = build_auditor(repo.advisories, settings.advisories, cache_dir, client).audit(found)
        log.info(
            "advisories repo=%s commit=%s manifests=%d declarations=%d affected=%d",
            repo.name,
            tree.commit[:12],
            len(found.manifests),
            report.audited,
            len(report.entries),
        )
        return [finding_for(entry, repo.name, tree.commit) for entry in report.entries]

    def verify(self, repo: RepoConfig, found: list[Finding]) -> None:
        """Judge ``repo``'s merged upgrades against what this run found (advisories gone: verified)."""
        if self.scanned is not None:
            verify_upgrades(self.ctx, repo, self.scanned, found)
