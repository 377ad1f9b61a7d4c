"""OSV records (https://ossf.github.io/osv-schema/) as typed models, limited to what an audit reads."""

from __future__ import annotations

import logging
from functools import cached_property

from packaging.utils import canonicalize_name
from packaging.version import Version
from pydantic import BaseModel, ConfigDict, Field

from agentfleet.advisories.versions import ZERO, parse_version

__all__ = ["Affected", "Event", "OsvRecord", "Range", "SeverityScore", "is_pypi"]

log = logging.getLogger(__name__)


class _Osv(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Event(_Osv):
    """One range event; exactly one of the fields is set in a valid record."""

    introduced: str | None = None
    fixed: str | None = None
    last_affected: str | None = None
    limit: str | None = None

    @property
    def kind(self) -> str:
        """Which field is set: ``introduced``, ``fixed``, ``last_affected`` or ``limit``."""
        for name in ("introduced", "fixed", "last_affected", "limit"):
            if getattr(self, name) is not None:
                return name
        return ""

    @property
    def version(self) -> str:
        """The version the event names."""
        return str(getattr(self, self.kind, "") or "")


class Range(_Osv):
    """A version range: ``ECOSYSTEM`` (PEP 440 for PyPI), ``SEMVER`` or ``GIT`` (ignored here)."""

    type: str
    events: tuple[Event, ...] = ()

    @cached_property
    def ordered(self) -> tuple[tuple[Version, str], ...]:
        """``(version, kind)`` of the events sorted by version, ``introduced`` first at ties.

        Records may list events out of order; events whose version is not PEP 440 are skipped.
        """
        keyed = []
        for event in self.events:
            version = ZERO if event.version == "0" else parse_version(event.version)
            if version is None:
                log.debug("skipping OSV event with a non-PEP 440 version %r", event.version)
                continue
            keyed.append((version, event.kind != "introduced", event.kind))
        return tuple((version, kind) for version, _, kind in sorted(keyed))


class Package(_Osv):
    """The affected package as OSV names it."""

    ecosystem: str = ""
    name: str = ""


class Affected(_Osv):
    """One ``affected`` entry: a package, its ranges and its explicit version list."""

    package: Package = Field(default_factory=Package)
    ranges: tuple[Range, ...] = ()
    versions: tuple[str, ...] = ()

    @cached_property
    def name(self) -> str:
        """The PEP 503-normalised package name."""
        return canonicalize_name(self.package.name)

    @cached_property
    def parsed_versions(self) -> frozenset[Version]:
        """The explicit ``versions`` that are PEP 440 versions, parsed once."""
        return frozenset(v for raw in self.versions if (v := parse_version(raw)) is not None)


class SeverityScore(_Osv):
    """A severity entry: ``CVSS_V2``/``CVSS_V3``/``CVSS_V4`` vector or an ``Ubuntu`` word."""

    type: str
    score: str


class OsvRecord(_Osv):
    """One advisory in OSV format."""

    id: str
    modified: str = ""
    withdrawn: str | None = None
    """When set, the advisory was retracted and must be ignored."""
    aliases: tuple[str, ...] = ()
    summary: str = ""
    details: str = ""
    severity: tuple[SeverityScore, ...] = ()
    affected: tuple[Affected, ...] = ()
    database_specific: dict[str, object] = Field(default_factory=dict)

    def affects_package(self, name: str) -> list[Affected]:
        """The PyPI ``affected`` entries naming package ``name`` (any spelling)."""
        wanted = canonicalize_name(name)
        return [a for a in self.affected if is_pypi(a) and a.name == wanted]

    @property
    def packages(self) -> set[str]:
        """Normalised names of the PyPI packages this record is about."""
        return {a.name for a in self.affected if is_pypi(a)}


def is_pypi(affected: Affected) -> bool:
    """The entry is in the PyPI ecosystem (``PyPI`` or a ``PyPI:<suffix>`` variant)."""
    return affected.package.ecosystem.split(":", 1)[0] == "PyPI"
