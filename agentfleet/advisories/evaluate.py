"""Does an OSV record affect a version? The schema's algorithm, robust to real-world data.

- ``ECOSYSTEM`` range events are sorted by version first (published records list them out of order);
  ``introduced``/``fixed``/``last_affected`` are applied in that order, ``"0"`` is below every version.
- The explicit ``versions`` list also counts (OSV: affected = in a range *or* listed).
- Withdrawn records affect nothing.
- A version string PEP 440 cannot parse (``0.1-bulbasaur``) never crashes: it is matched against the
  explicit list only, and events that cannot be parsed are skipped with a debug log.
"""

from __future__ import annotations

from packaging.version import Version

from agentfleet.advisories.osv import Affected, OsvRecord, Range
from agentfleet.advisories.versions import parse_version, version_key

__all__ = ["affects", "fixed_versions", "has_fix"]


def _in_range(version: Version, rng: Range) -> bool:
    affected = False
    for at, kind in rng.ordered:
        if kind == "introduced":
            affected = affected or version >= at
        elif (kind == "fixed" and version >= at) or (kind == "last_affected" and version > at):
            affected = False
    return affected


def _affected_entry(entry: Affected, raw: str, version: Version | None) -> bool:
    if raw in entry.versions:
        return True
    if version is None:
        return False
    if version in entry.parsed_versions:
        return True
    return any(_in_range(version, rng) for rng in entry.ranges if rng.type == "ECOSYSTEM")


def affects(record: OsvRecord, package: str, version: str) -> bool:
    """True when ``record`` (not withdrawn) covers ``package`` at ``version``."""
    if record.withdrawn:
        return False
    parsed = parse_version(version)
    return any(_affected_entry(entry, version, parsed) for entry in record.affects_package(package))


def fixed_versions(record: OsvRecord, package: str) -> tuple[str, ...]:
    """The ``fixed`` versions ``record`` lists for ``package``, lowest first (unparseable ones last)."""
    found = {
        event.fixed
        for entry in record.affects_package(package)
        for rng in entry.ranges
        if rng.type == "ECOSYSTEM"
        for event in rng.events
        if event.fixed is not None
    }
    return tuple(sorted(found, key=version_key))


def has_fix(record: OsvRecord, package: str) -> bool:
    """``record`` ends somewhere for ``package`` (a ``fixed`` or ``last_affected`` event): an upgrade can escape it."""
    return any(
        kind in {"fixed", "last_affected"}
        for entry in record.affects_package(package)
        for rng in entry.ranges
        if rng.type == "ECOSYSTEM"
        for _, kind in rng.ordered
    )
