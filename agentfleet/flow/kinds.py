"""The work-kind table: each ``WorkKind`` declared once, with everything the stages ask about it.

A row names its parts by import path (resolved on first use), so this module stays import-light and
any stage can read it without pulling in the others. Adding a kind is one row here, its contract in
``contracts/``, and its own modules (monitor, fixer, gate checks); a kind without a row fails
``tests/unit/test_tables.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from agentfleet.contracts import FindingKind, TrustPhase, WorkKind
from agentfleet.core.registry import import_string

__all__ = ["KINDS", "Kind", "kind_of", "kind_for_finding"]

_GATE = "agentfleet.flow.gate.stage.decide"
_LOW_RISK = "agentfleet.flow.gate.risk.low_risk"
_TITLE = "agentfleet.flow.delivery.report.default_subject"


@dataclass(frozen=True)
class Kind:
    """One kind of work, from the finding that starts it to the PR that ends it."""

    kind: WorkKind
    finding: FindingKind
    """The finding kind this work answers."""
    build: str
    """Import path of ``(evidence, common_fields) -> WorkItem | None`` (``None``: nothing can be done)."""
    monitors: tuple[str, ...]
    """Monitors (``MONITORS`` names) whose findings start this work."""
    stages: tuple[str, ...]
    """Stage names (``tasks/table.py``) the work goes through, in order."""
    fixers: tuple[str, ...]
    """Default fixer chain (``FIXERS`` names), tried in order; a repo may override it in ``[repos.fixers]``."""
    checks: tuple[str, ...] = ()
    """The kind's own gate checks, on top of the shared ones (names the gate knows)."""
    may_change: tuple[str, ...] = ()
    """Path classes the gate otherwise refuses that this kind may change: ``dependencies``, ``runner_config``,
    ``ci`` (flow/gate/sensitive.py); a patch using ``runner_config`` or ``ci`` is never low-risk."""
    gate: str = _GATE
    """Import path of the gate procedure ``(job, ctx, repo) -> GateDecision``."""
    low_risk: str = _LOW_RISK
    """Import path of the phase-4 rule ``(view, gate_config, api_changes) -> (low_risk, reasons)``."""
    title: str = _TITLE
    """Import path of ``(job) -> str``: the subject of the PR, issue and commit title (``[agentfleet] <kind>: …``)."""
    section: str | None = None
    """Import path of ``(job, repo) -> list[str]``: the kind's own markdown lines in the PR body and report."""
    default_phase: TrustPhase = TrustPhase.REPORT
    """Trust phase when the fleet file says nothing."""
    metered: bool = True
    """Counts against the repo's work budget and has a track record (``False`` for the canary)."""
    rate_limited: bool = True
    """New PRs count against ``max_prs_per_hour`` (security upgrades do not wait)."""
    forge: bool = True
    """Delivered through the forge (report, PR); ``False``: recorded in the store and ledger only."""
    verified_by: str | None = None
    """The monitor whose runs judge this kind's merged changes in production (``flow/verification``); then
    trust advice needs verified changes, not just merges, before it suggests a promotion."""

    def part(self, field: str) -> Any:
        """The object an import-path field names (``part("gate")`` → the gate procedure)."""
        path = getattr(self, field)
        return None if path is None else _load(path)


@cache
def _load(path: str) -> Any:
    return import_string(path)


KINDS: dict[WorkKind, Kind] = {
    row.kind: row
    for row in (
        Kind(
            kind=WorkKind.FIX_ERROR,
            finding=FindingKind.ERROR,
            build="agentfleet.flow.triage.work_items.fix_error",
            monitors=("errors",),
            stages=("investigate", "fix", "gate", "deliver"),
            fixers=("repair", "agent"),
            checks=("fixes_the_error",),
            title="agentfleet.flow.delivery.report.error_subject",
            section="agentfleet.flow.delivery.report.error_section",
            verified_by="errors",
        ),
        Kind(
            kind=WorkKind.UPGRADE_DEPENDENCY,
            finding=FindingKind.ADVISORY,
            build="agentfleet.flow.triage.work_items.upgrade_dependency",
            monitors=("advisories",),
            stages=("fix", "gate", "deliver"),
            fixers=("recipe",),
            checks=("upgrade_only",),
            may_change=("dependencies",),
            rate_limited=False,
            verified_by="advisories",
        ),
        Kind(
            kind=WorkKind.EXPAND_TESTS,
            finding=FindingKind.COVERAGE,
            build="agentfleet.flow.triage.work_items.expand_tests",
            monitors=("coverage",),
            stages=("fix", "gate", "deliver"),
            fixers=("tests", "agent"),
            checks=("tests_only", "tests_assert", "expand_tests"),
            low_risk="agentfleet.flow.gate.checks.expand_tests.low_risk",
            section="agentfleet.flow.fixers.tests.report.section",
        ),
        Kind(
            kind=WorkKind.SYNC_DOCS,
            finding=FindingKind.DOCS,
            build="agentfleet.flow.triage.work_items.sync_docs",
            monitors=("docs",),
            stages=("fix", "gate", "deliver"),
            fixers=("docs", "agent"),
            checks=("docs_only", "docs_consistent", "docs_examples", "docs_build"),
            low_risk="agentfleet.flow.gate.checks.sync_docs.low_risk",
            title="agentfleet.flow.fixers.docs.report.title",
            section="agentfleet.flow.fixers.docs.report.section",
        ),
        Kind(
            kind=WorkKind.REFACTOR,
            finding=FindingKind.QUALITY,
            build="agentfleet.flow.triage.work_items.refactor",
            monitors=("quality",),
            stages=("fix", "gate", "deliver"),
            fixers=("refactor", "agent"),
            checks=("refactor_only", "metric_improves", "api_unchanged", "behaviour_preserved", "no_new_effects"),
            gate="agentfleet.flow.gate.checks.refactor.decide",
            title="agentfleet.flow.fixers.refactor.report.title",
            section="agentfleet.flow.fixers.refactor.report.section",
        ),
        Kind(
            kind=WorkKind.HEARTBEAT,
            finding=FindingKind.HEARTBEAT,
            build="agentfleet.flow.triage.work_items.heartbeat",
            monitors=("heartbeat",),
            stages=("fix", "gate", "deliver"),
            fixers=("passthrough",),
            gate="agentfleet.flow.gate.canary.decide",
            metered=False,
            forge=False,
        ),
    )
}
"""Every kind of work, by ``WorkKind``."""


def kind_of(kind: WorkKind | str) -> Kind:
    """The table row for ``kind``."""
    return KINDS[WorkKind(kind)]


def kind_for_finding(finding: FindingKind) -> Kind:
    """The row of the work that answers findings of kind ``finding``."""
    return next(row for row in KINDS.values() if row.finding is finding)
