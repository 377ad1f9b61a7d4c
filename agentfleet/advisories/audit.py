"""The audit: declared dependencies × OSV records → affected dependencies with their minimal fixed versions."""

from __future__ import annotations

import logging
import posixpath
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from packaging.specifiers import Specifier, SpecifierSet

from agentfleet.advisories.discovery import Dependency, Discovery
from agentfleet.advisories.evaluate import affects, fixed_versions
from agentfleet.advisories.index import ReleaseIndex
from agentfleet.advisories.osv import OsvRecord
from agentfleet.advisories.refs import merge_records, severity_of, with_default_severity
from agentfleet.advisories.releases import Release
from agentfleet.advisories.resolver import minimal_fixed_version
from agentfleet.advisories.sources import AdvisorySource
from agentfleet.advisories.versions import parse_version
from agentfleet.contracts import AdvisoryRef, Severity

__all__ = ["AuditEntry", "AuditReport", "Auditor"]

log = logging.getLogger(__name__)

FLOOR_OPERATORS = frozenset({">=", ">", "~="})
"""Specifier operators that only set a lower bound (an upgrade replaces them)."""


@dataclass(frozen=True)
class AuditEntry:
    """One declaration that known advisories affect."""

    dependency: Dependency
    version: str
    """The version evaluated: the pin, the locked version, or the lowest release a range allows."""
    advisories: tuple[AdvisoryRef, ...]
    fixed_version: str | None
    note: str = ""
    severity: Severity = Severity.MEDIUM


@dataclass
class AuditReport:
    """What an audit found."""

    entries: list[AuditEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    audited: int = 0
    """Declarations evaluated."""


def _own_constraints(dep: Dependency) -> list[Specifier]:
    return [s for s in dep.specifier if s.operator not in FLOOR_OPERATORS and not (s.operator == "==" and dep.pinned)]


def _covered_by_lock(dep: Dependency, locks: set[tuple[str, str]]) -> bool:
    return not dep.is_lock and dep.pinned is None and (posixpath.dirname(dep.manifest), dep.key) in locks


def _derived_releases(records: list[OsvRecord], package: str) -> list[Release]:
    """Releases known from the advisories themselves, when the index knows none."""
    seen = {v for r in records for a in r.affects_package(package) for v in a.versions}
    seen |= {v for r in records for v in fixed_versions(r, package)}
    return [Release(v) for v in seen]


class Auditor:
    """Evaluates declarations against an advisory source, proposing upgrades from a release index."""

    def __init__(
        self,
        source: AdvisorySource,
        index: ReleaseIndex,
        *,
        ignore: Collection[str] = (),
        allow_prereleases: bool = False,
        default_severity: Severity = Severity.MEDIUM,
    ) -> None:
        self.source = source
        self.index = index
        self.ignore = set(ignore)
        self.allow_prereleases = allow_prereleases
        self.default_severity = default_severity
        self._releases: dict[str, list[Release]] = {}

    def audit(self, discovery: Discovery) -> AuditReport:
        """Every affected declaration in ``discovery``, with the proposed upgrade or why there is none."""
        report = AuditReport(problems=list(discovery.problems))
        deps = discovery.dependencies
        locks = {(posixpath.dirname(d.manifest), d.key) for d in deps if d.is_lock}
        deps = [d for d in deps if not _covered_by_lock(d, locks)]
        by_name: dict[str, list[Dependency]] = defaultdict(list)
        for dep in deps:
            by_name[dep.key].append(dep)
        records = self.source.records(list(by_name))
        report.audited = len(deps)
        for dep in deps:
            relevant = [r for r in records.get(dep.key, []) if not self._ignored(r)]
            if relevant:
                entry = self._entry(dep, relevant, by_name[dep.key])
                if entry is not None:
                    report.entries.append(entry)
        log.info("audit declarations=%d affected=%d", report.audited, len(report.entries))
        return report

    def _ignored(self, record: OsvRecord) -> bool:
        return bool(self.ignore & {record.id, *record.aliases})

    def _entry(self, dep: Dependency, records: list[OsvRecord], same: list[Dependency]) -> AuditEntry | None:
        version = dep.pinned or self._floor(dep, records)
        if version is None:
            return None
        affecting = [r for r in records if affects(r, dep.key, version)]
        if not affecting:
            return None
        constraints = SpecifierSet(",".join(str(s) for s in _own_constraints(dep)))
        for other in same:
            if other is not dep and other.pinned is None:
                constraints &= other.specifier
        resolution = minimal_fixed_version(
            dep.key,
            version,
            records,
            self.releases(dep.key, records),
            constraints=constraints,
            allow_prereleases=self.allow_prereleases,
        )
        refs = merge_records(affecting, dep.key)
        return AuditEntry(
            dependency=dep,
            version=version,
            advisories=tuple(with_default_severity(refs, self.default_severity)),
            fixed_version=resolution.version,
            note=resolution.note,
            severity=severity_of(refs, self.default_severity),
        )

    def releases(self, package: str, records: list[OsvRecord]) -> list[Release]:
        """Releases of ``package`` from the index (once per audit), else those the advisories name."""
        if package not in self._releases:
            found = self.index.releases(package)
            if not found:
                log.info("index has no releases of %s; using the versions the advisories list", package)
                found = _derived_releases(records, package)
            self._releases[package] = found
        return self._releases[package]

    def _floor(self, dep: Dependency, records: list[OsvRecord]) -> str | None:
        """The lowest release a range allows; ``None`` for ranges with no lower bound (newest installs)."""
        if not any(s.operator in FLOOR_OPERATORS or s.version.endswith("*") for s in dep.specifier):
            return None
        allowed = [
            (parsed, r.version)
            for r in self.releases(dep.key, records)
            if (parsed := parse_version(r.version)) is not None and not r.yanked and parsed in dep.specifier
        ]
        return min(allowed)[1] if allowed else None
