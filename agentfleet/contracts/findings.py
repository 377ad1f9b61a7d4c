"""``Finding``: what a monitor saw, with kind-specific typed evidence."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from agentfleet.contracts.base import Contract, Fingerprint, utcnow

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


class _Evidence(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Frame(_Evidence):
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


class ErrorEvidence(_Evidence):
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


class AdvisoryRef(_Evidence):
    """One security advisory affecting a dependency."""

    id: str
    aliases: tuple[str, ...] = ()
    summary: str = ""
    severity: str | None = None
    fixed: tuple[str, ...] = ()
    """Versions that fix it, as the advisory lists them."""


class AdvisoryEvidence(_Evidence):
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


class CoverageEvidence(_Evidence):
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


class ParamChange(_Evidence):
    """One parameter of a changed signature."""

    change: Literal["added", "removed", "renamed", "default", "kind"]
    name: str
    """The parameter's name now (the old name when it was removed)."""
    old_name: str | None = None
    """For ``renamed``: the name it had."""
    annotation: str | None = None
    """Its type annotation now, as written."""
    default: str | None = None
    """Its default now, as written (``None``: required)."""
    old_default: str | None = None
    """Its default before, as written."""


class ApiChange(_Evidence):
    """One public symbol that changed between two commits (griffe's diff plus additions and renames)."""

    symbol: str
    """Public dotted path now (the old path when removed); ``cli:--option`` for a command-line option."""
    change: Literal["added", "removed", "renamed", "moved", "changed"]
    kind: str = "function"
    """``function``, ``class``, ``attribute``, ``module`` or ``option``."""
    old: str = ""
    """The old signature (``fetch(url, timeout=10)``); empty when added."""
    new: str = ""
    """The new signature; empty when removed."""
    old_symbol: str | None = None
    """For ``renamed`` and ``moved``: the public path it had."""
    params: tuple[ParamChange, ...] = ()
    raises_added: tuple[str, ...] = ()
    """Exceptions the code raises now and did not before."""
    raises_removed: tuple[str, ...] = ()
    """Exceptions the code raised before and no longer does."""
    breaking: tuple[str, ...] = ()
    """griffe's breaking-change explanations for this symbol, one line each."""
    path: str = ""
    """Repository-relative file that defines it (before the change when removed)."""
    line: int = 0


class DocsInconsistency(_Evidence):
    """One place where the documentation disagrees with the code as it stands."""

    check: Literal["docstring", "prose", "example", "no_update"]
    symbol: str
    file: str
    """Repository-relative file holding the stale text."""
    line: int = 0
    """1-based line of the stale text; 0 when not tied to a line."""
    old: str = ""
    """What the docs say now."""
    new: str = ""
    """What they should say (empty: remove it; a placeholder when a human or the agent must write it)."""
    action: Literal["rename", "remove", "add", "default", "retype", "reference", "changelog", "review"]
    """What the offline fixer does about it; ``review`` is flagged for a human, never guessed."""
    message: str = ""
    """One line for humans."""


class DocsEvidence(_Evidence):
    """Public API that changed while its docs did not: the changes and every inconsistency found."""

    kind: Literal["docs"] = "docs"
    symbols: tuple[str, ...]
    since_commit: str
    """The audited range starts after this commit."""
    changes: tuple[ApiChange, ...] = ()
    inconsistencies: tuple[DocsInconsistency, ...] = ()


class QualityMetrics(_Evidence):
    """What the quality monitor measured at one function (and its module)."""

    complexity: int = 0
    """Cyclomatic complexity (McCabe, as ruff's ``C901`` counts it; nested functions included)."""
    lines: int = 0
    """Statement lines of the function: its body without blank lines, comments or the docstring."""
    nesting: int = 0
    """Deepest nesting of compound statements (``if``, loops, ``with``, ``try``, ``match``) in the body."""
    maintainability: float | None = None
    """The module's maintainability index (radon, 0–100; below 10 is radon's rank C)."""
    duplicate_lines: int = 0
    """Statement lines of the function that a clone elsewhere repeats (identical modulo names)."""
    ruff: tuple[str, ...] = ()
    """Codes of the enabled ruff rules the function breaks (``SIM102``, ``RET505``), each once."""
    coverage: float | None = None
    """Share of the function's executable lines the suite runs (the coverage monitor's data, when it has some)."""


class ClonePlace(_Evidence):
    """One occurrence of a duplicated block."""

    path: str
    function: str
    """Qualified name of the function holding it."""
    start: int
    end: int


class QualityEvidence(_Evidence):
    """Quality thresholds a function crossed (or a block duplicated), with everything measured there."""

    kind: Literal["quality"] = "quality"
    rule: str
    """The rule the work is about: ``complexity``, ``nesting``, ``length``, ``duplication``, ``maintainability``
    or ``ruff``."""
    path: str
    line: int
    message: str = ""
    function: str = ""
    """Qualified name of the function (``parse`` or ``Parser.feed``)."""
    span: tuple[int, int] = (0, 0)
    """First and last line of the function (decorators included)."""
    rules: tuple[str, ...] = ()
    """Every rule the function crosses (``rule`` first)."""
    metrics: QualityMetrics = Field(default_factory=QualityMetrics)
    limits: dict[str, float] = Field(default_factory=dict)
    """The threshold of each rule crossed, as the fleet file set it."""
    clones: tuple[ClonePlace, ...] = ()
    """For ``duplication``: every occurrence of the block, this one first."""
    since: str = ""
    """The commit the audit counted new debt from (empty in ``worst`` mode)."""


class HeartbeatEvidence(_Evidence):
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
