"""``Finding``: what a monitor saw, with kind-specific typed evidence."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from agentfleet.contracts.base import Contract, EvidenceModel, Fingerprint, utcnow
from agentfleet.contracts.code_evidence import (
    ApiChange,
    ClonePlace,
    DocsEvidence,
    DocsInconsistency,
    ParamChange,
    QualityEvidence,
    QualityMetrics,
)

__all__ = [
    "AdvisoryEvidence",
    "AdvisoryRef",
    "ApiChange",
    "ClonePlace",
    "CoverageEvidence",
    "DocsEvidence",
    "DocsInconsistency",
    "ErrorEvidence",
    "Evidence",
    "Finding",
    "FindingKind",
    "Frame",
    "HeartbeatEvidence",
    "ParamChange",
    "QualityEvidence",
    "QualityMetrics",
    "Severity",
]


class FindingKind(StrEnum):
    """What a monitor looks at. ``heartbeat`` is the fleet's own canary."""

    ERROR = "error"
    ADVISORY = "advisory"
    COVERAGE = "coverage"
    DOCS = "docs"
    QUALITY = "quality"
    HEARTBEAT = "heartbeat"


class Severity(StrEnum):
    """How urgent a finding is; policy and triage order by it."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """0 for ``low`` up to 3 for ``critical``: compare severities by it."""
        return list(Severity).index(self)


class Frame(EvidenceModel):
    """One stack frame as the error source reported it."""

    filename: str
    """Path as reported (relative to the app root when the SDK knows it)."""
    function: str = "?"
    module: str | None = None
    lineno: int | None = None
    in_app: bool = True
    context_line: str | None = None
    abs_path: str | None = None
    arguments: dict[str, int | float | bool | None] = Field(default_factory=dict)
    """The frame's local variables that are numbers, booleans or None, as the SDK captured them (in-app
    frames only). Strings and objects are never kept: they may hold personal data or secrets."""


class ErrorEvidence(EvidenceModel):
    """A production exception group (from ingest)."""

    kind: Literal["error"] = "error"
    exception_type: str
    exception_value: str = ""
    """The exception message: untrusted text, shown as data only."""
    frames: tuple[Frame, ...] = ()
    """Innermost frame last, as Sentry orders them."""
    level: str = "error"
    handled: bool | None = None
    release: str | None = None
    environment: str | None = None
    transaction: str | None = None
    tags: dict[str, str] = Field(default_factory=dict)
    event_ids: tuple[str, ...] = ()
    """A sample of event ids in this group, newest last."""


class AdvisoryRef(EvidenceModel):
    """One security advisory affecting a dependency."""

    id: str
    aliases: tuple[str, ...] = ()
    summary: str = ""
    severity: str | None = None
    fixed: tuple[str, ...] = ()
    """Versions that fix it, as the advisory lists them."""


class AdvisoryEvidence(EvidenceModel):
    """A declared dependency that known advisories affect."""

    kind: Literal["advisory"] = "advisory"
    package: str
    current: str
    """The declared specifier or pinned version (e.g. ``==2.0.1``)."""
    manifest: str
    """Repository-relative file that declares it."""
    advisories: tuple[AdvisoryRef, ...]
    fixed_version: str | None = None
    """The smallest released version that fixes every advisory, when one exists."""
    note: str = ""
    """Why no upgrade is proposed, when none is."""


class CoverageEvidence(EvidenceModel):
    """New or changed code of one function that no test executes."""

    kind: Literal["coverage"] = "coverage"
    path: str
    lines: tuple[int, ...]
    """Changed executable lines of the function that no test runs."""
    function: str = ""
    """Qualified name of the function in its module (``parse`` or ``Parser.feed``)."""
    span: tuple[int, int] = (0, 0)
    """First and last line of the function (decorators included)."""
    branches: tuple[tuple[int, int], ...] = ()
    """Branches from changed lines no test takes: ``(from line, to line)``, a negative ``to`` leaves the function."""
    covered: int = 0
    """Changed lines and branches of the function that tests do execute."""
    since: str = ""
    """The commit the changes are counted from (the last audited one, or ``since``)."""


class HeartbeatEvidence(EvidenceModel):
    """The canary: proves a tick travelled monitor → triage → work → gate → delivery."""

    kind: Literal["heartbeat"] = "heartbeat"
    tick: str
    """The scheduled tick this heartbeat stands for (ISO minute or second)."""


Evidence = Annotated[
    ErrorEvidence | AdvisoryEvidence | CoverageEvidence | DocsEvidence | QualityEvidence | HeartbeatEvidence,
    Field(discriminator="kind"),
]


class Finding(Contract):
    """One problem a monitor saw in one repository, identified by a stable fingerprint."""

    kind: FindingKind
    repo: str
    fingerprint: Fingerprint
    severity: Severity = Severity.MEDIUM
    title: str = Field(max_length=300)
    """One line for humans; untrusted text when it quotes an error."""
    evidence: Evidence
    first_seen: datetime = Field(default_factory=utcnow)
    last_seen: datetime = Field(default_factory=utcnow)
    count: int = Field(default=1, ge=1)
    commit: str | None = None
    """The commit the finding was observed at, when the monitor knows it."""

    @model_validator(mode="after")
    def _evidence_matches_kind(self) -> Finding:
        if self.evidence.kind != self.kind.value:
            raise ValueError(f"evidence of kind {self.evidence.kind!r} on a finding of kind {self.kind.value!r}")
        if self.last_seen < self.first_seen:
            raise ValueError("last_seen is before first_seen")
        return self
