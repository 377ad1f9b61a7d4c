"""The minimal fixed version: what Dependabot proposes for a security update.

The smallest released version above the current one that no fixable advisory for the package affects
(so the upgrade fixes every advisory and walks into no other known one), that is not yanked, not a
pre-release (unless allowed or already on one), and that satisfies the repo's other constraints.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from packaging.specifiers import SpecifierSet
from packaging.version import Version

from agentfleet.advisories.evaluate import affects, has_fix
from agentfleet.advisories.osv import OsvRecord
from agentfleet.advisories.releases import Release
from agentfleet.advisories.versions import parse_version

__all__ = ["Resolution", "minimal_fixed_version"]


@dataclass(frozen=True)
class Resolution:
    """The chosen version, or why there is none."""

    version: str | None
    note: str = ""
    """Why no version was chosen, or what was left unfixed."""


def _candidates(releases: Iterable[Release], current: Version, allow_pre: bool) -> list[tuple[Version, str]]:
    out = []
    for release in releases:
        parsed = parse_version(release.version)
        if parsed is None or parsed <= current or release.yanked:
            continue
        if parsed.is_prerelease and not (allow_pre or current.is_prerelease):
            continue
        out.append((parsed, release.version))
    return sorted(out)


def minimal_fixed_version(
    package: str,
    current: str,
    records: list[OsvRecord],
    releases: Iterable[Release],
    *,
    constraints: SpecifierSet | None = None,
    allow_prereleases: bool = False,
) -> Resolution:
    """The smallest safe upgrade of ``package`` from ``current`` among ``releases``."""
    now = parse_version(current)
    if now is None:
        return Resolution(None, f"current version {current!r} is not a PEP 440 version; upgrade by hand")
    live = [r for r in records if not r.withdrawn]
    fixable = [r for r in live if has_fix(r, package)]
    unfixable = sorted(r.id for r in live if r not in fixable and affects(r, package, current))
    if not any(affects(r, package, current) for r in fixable):
        return Resolution(None, f"no fixed release yet for {', '.join(unfixable) or 'these advisories'}")
    constraints = constraints or SpecifierSet()
    conflicting: str | None = None
    for parsed, text in _candidates(releases, now, allow_prereleases):
        if any(affects(r, package, text) for r in fixable):
            continue
        if not constraints.contains(parsed, prereleases=True):
            conflicting = conflicting or text
            continue
        note = f"no fixed release yet for {', '.join(unfixable)}" if unfixable else ""
        return Resolution(text, note)
    if conflicting:
        return Resolution(None, f"the smallest fixed release {conflicting} conflicts with the repo's {constraints}")
    return Resolution(None, "no released version fixes every advisory")
