"""``WorkItem``: a discriminated union of the typed tasks triage enqueues."""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import Annotated, Literal

from pydantic import Field

from agentfleet.contracts.base import Contract, Fingerprint, short_fingerprint
from agentfleet.contracts.findings import (
    AdvisoryRef,
    ApiChange,
    ClonePlace,
    DocsInconsistency,
    ErrorEvidence,
    QualityMetrics,
)
from agentfleet.contracts.tried import TriedPatch

__all__ = [
    "Budget",
    "ExpandTests",
    "FixError",
    "Heartbeat",
    "Refactor",
    "SyncDocs",
    "TrustPhase",
    "UpgradeDependency",
    "WorkItem",
    "WorkKind",
    "branch_name",
    "idempotency_key",
]


class WorkKind(StrEnum):
    """The kinds of work; trust phases are configured per repo × kind."""

    FIX_ERROR = "fix_error"
    UPGRADE_DEPENDENCY = "upgrade_dependency"
    EXPAND_TESTS = "expand_tests"
    SYNC_DOCS = "sync_docs"
    REFACTOR = "refactor"
    HEARTBEAT = "heartbeat"


class TrustPhase(IntEnum):
    """How far a gate-approved change may travel without a human."""

    REPORT = 1
    DRAFT_PR = 2
    PR = 3
    AUTO_MERGE = 4


class Budget(Contract):
    """Limits on one work item's fixer run."""

    max_steps: int = Field(default=30, ge=1)
    """Agent loop steps (model calls)."""
    max_tokens: int = Field(default=400_000, ge=1)
    """Input plus output tokens over the whole run."""
    max_cost_usd: float = Field(default=2.0, ge=0)
    """Spend ceiling, priced with the settings' price table."""
    max_seconds: int = Field(default=900, ge=1)
    """Wall-clock time for the fixer."""


class _WorkBase(Contract):
    repo: str
    base_commit: str = Field(pattern=r"^[0-9a-f]{7,64}$")
    """The commit the work starts from (and a patch applies to)."""
    fingerprint: Fingerprint
    """The finding this work answers."""
    trust_phase: TrustPhase = TrustPhase.REPORT
    budget: Budget = Field(default_factory=Budget)
    title: str = ""
    """Human summary carried from the finding (untrusted when quoting an error)."""
    tried: tuple[TriedPatch, ...] = ()
    """Patches merged for this key before that did not hold in production, oldest first (fixers skip them)."""

    @property
    def key(self) -> str:
        """Idempotency key: one piece of work, one PR, however often it is delivered."""
        return idempotency_key(self.repo, WorkKind(self.kind), self.fingerprint)  # type: ignore[attr-defined]

    @property
    def branch(self) -> str:
        """The forge branch this work's PR lives on; a run reopened after a merged fix did not hold gets its own
        (``…-2``), since the first one's PR is merged."""
        branch = branch_name(WorkKind(self.kind), self.fingerprint)  # type: ignore[attr-defined]
        return f"{branch}-{len(self.tried) + 1}" if self.tried else branch


class FixError(_WorkBase):
    """Fix a production error."""

    kind: Literal["fix_error"] = "fix_error"
    error: ErrorEvidence


class UpgradeDependency(_WorkBase):
    """Upgrade a vulnerable dependency to the smallest fixed version."""

    kind: Literal["upgrade_dependency"] = "upgrade_dependency"
    package: str
    current: str
    target_version: str
    manifest: str
    advisories: tuple[AdvisoryRef, ...] = ()


class ExpandTests(_WorkBase):
    """Add tests for a function whose new code paths no test runs."""

    schema_version: Literal[2] = 2  # type: ignore[assignment]  # 2: function, span and branches added
    """Version of this contract's wire format."""
    kind: Literal["expand_tests"] = "expand_tests"
    path: str
    lines: tuple[int, ...] = ()
    """Target lines: changed executable lines no test runs."""
    function: str = ""
    """Qualified name of the target function (``parse``, ``Parser.feed``)."""
    span: tuple[int, int] = (0, 0)
    """First and last line of the function at the base commit."""
    branches: tuple[tuple[int, int], ...] = ()
    """Target branches ``(from line, to line)`` no test takes (negative ``to``: leaves the function)."""


class SyncDocs(_WorkBase):
    """Bring docs in line with a changed public API (version 2: the changes and inconsistencies travel along)."""

    schema_version: Literal[2] = 2  # type: ignore[assignment]  # v2 added since_commit, changes, inconsistencies
    kind: Literal["sync_docs"] = "sync_docs"
    symbols: tuple[str, ...]
    since_commit: str = ""
    """The audited range starts after this commit."""
    changes: tuple[ApiChange, ...] = ()
    inconsistencies: tuple[DocsInconsistency, ...] = ()


class Refactor(_WorkBase):
    """Refactor a function a quality rule flagged, without changing what it does."""

    schema_version: Literal[2] = 2  # type: ignore[assignment]  # 2: function, span, metrics, limits, clones
    """Version of this contract's wire format."""
    kind: Literal["refactor"] = "refactor"
    rule: str
    """The rule whose metric must improve (``complexity``, ``nesting``, ``length``, ``duplication``, …)."""
    path: str
    line: int = 0
    function: str = ""
    """Qualified name of the flagged function."""
    span: tuple[int, int] = (0, 0)
    """First and last line of the function at the base commit."""
    rules: tuple[str, ...] = ()
    """Every rule the function crossed."""
    metrics: QualityMetrics = Field(default_factory=QualityMetrics)
    """The monitor's measurement at the base commit (the gate measures again)."""
    limits: dict[str, float] = Field(default_factory=dict)
    clones: tuple[ClonePlace, ...] = ()
    """For ``duplication``: every occurrence of the duplicated block."""


class Heartbeat(_WorkBase):
    """The canary: passes through every stage without touching code."""

    kind: Literal["heartbeat"] = "heartbeat"
    tick: str = ""
    hold_seconds: float = Field(default=0.0, ge=0, le=3600)
    """How long the work stage holds (benchmarks and redelivery drills)."""


WorkItem = Annotated[
    FixError | UpgradeDependency | ExpandTests | SyncDocs | Refactor | Heartbeat,
    Field(discriminator="kind"),
]


def idempotency_key(repo: str, kind: WorkKind, fingerprint: str) -> str:
    """``repo:kind:fingerprint`` — the key for work rows, deliveries and PRs."""
    return f"{repo}:{kind.value}:{fingerprint}"


def branch_name(kind: WorkKind, fingerprint: str) -> str:
    """``agentfleet/<kind>/<short-fingerprint>``."""
    return f"agentfleet/{kind.value.replace('_', '-')}/{short_fingerprint(fingerprint)}"
