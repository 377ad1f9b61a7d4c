"""Recipes: deterministic fixers (no LLM). ``RecipeFixer`` picks the recipe for a work item's kind.

- ``upgrade.py``: ``upgrade_dependency`` work → bump the declaration to the minimal fixed version.
- ``edit_requirements.py`` / ``edit_pyproject.py``: in-place manifest edits; ``specifiers.py``: the new specifier.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from agentfleet.advisories.factory import http_client, index_for
from agentfleet.advisories.versions import parse_version
from agentfleet.contracts import Job, NoFix, Patch, UpgradeDependency
from agentfleet.core.context import Context
from agentfleet.flow.fixers.recipes.upgrade import upgrade_dependency

if TYPE_CHECKING:
    from agentfleet.sandboxes import Sandbox

__all__ = ["RecipeFixer"]


class RecipeFixer:
    """Deterministic fixes; today: dependency upgrades for security advisories."""

    name = "recipe"

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def run(self, job: Job, box: Sandbox) -> Patch | NoFix:
        """A patch from the recipe for ``job``'s kind, or ``NoFix`` when no recipe handles it."""
        item = job.item
        if not isinstance(item, UpgradeDependency):
            return NoFix(author=self.name, reason=f"no recipe handles {item.kind} work")
        return upgrade_dependency(item, box, lambda package, version: self.release_hashes(item.repo, package, version))

    def release_hashes(self, repo_name: str, package: str, version: str) -> Sequence[str]:
        """sha256 digests of ``package`` ``version``'s files on the repo's index (host side, cached), or none."""
        repo = self.ctx.repo(repo_name)
        settings = self.ctx.settings
        with http_client(settings.advisories) as client:
            index = index_for(repo.advisories, settings.advisories, settings.data_dir / "advisories", client)
            releases = index.releases(package)
        wanted = parse_version(version)
        return [f"sha256:{d}" for r in releases if parse_version(r.version) == wanted for d in r.hashes]
