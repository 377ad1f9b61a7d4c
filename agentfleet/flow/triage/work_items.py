"""Turn a finding into the typed work item that answers it (or ``None`` when nothing can be done).

Which work answers which finding, and which builder below makes it, is the work-kind table's
(``flow/kinds.py``: ``finding`` and ``build``).
"""

from __future__ import annotations

from typing import Any

from agentfleet.contracts import (
    AdvisoryEvidence,
    CoverageEvidence,
    DocsEvidence,
    ErrorEvidence,
    ExpandTests,
    Finding,
    FixError,
    Heartbeat,
    HeartbeatEvidence,
    QualityEvidence,
    Refactor,
    SyncDocs,
    UpgradeDependency,
    WorkItem,
)
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.kinds import kind_for_finding

__all__ = ["expand_tests", "fix_error", "heartbeat", "refactor", "sync_docs", "upgrade_dependency", "work_item_for"]


def fix_error(e: ErrorEvidence, common: dict[str, Any]) -> WorkItem:
    """Fix a production error."""
    return FixError(error=e, **common)


def upgrade_dependency(e: AdvisoryEvidence, common: dict[str, Any]) -> WorkItem | None:
    """Upgrade to the smallest fixed version; nothing to do while no fixed version exists."""
    if e.fixed_version is None:
        return None
    return UpgradeDependency(
        package=e.package,
        current=e.current,
        target_version=e.fixed_version,
        manifest=e.manifest,
        advisories=e.advisories,
        **common,
    )


def expand_tests(e: CoverageEvidence, common: dict[str, Any]) -> WorkItem:
    """Add tests for the function's uncovered lines and branches."""
    return ExpandTests(path=e.path, lines=e.lines, function=e.function, span=e.span, branches=e.branches, **common)


def sync_docs(e: DocsEvidence, common: dict[str, Any]) -> WorkItem:
    """Update the docs of the changed symbols: the API changes and every inconsistency travel with the work."""
    return SyncDocs(
        symbols=e.symbols, since_commit=e.since_commit, changes=e.changes, inconsistencies=e.inconsistencies, **common
    )


def refactor(e: QualityEvidence, common: dict[str, Any]) -> WorkItem:
    """Refactor the flagged function: the rule whose metric must improve, and what the monitor measured."""
    return Refactor(
        rule=e.rule,
        path=e.path,
        line=e.line,
        function=e.function,
        span=e.span,
        rules=e.rules,
        metrics=e.metrics,
        limits=e.limits,
        clones=e.clones,
        **common,
    )


def heartbeat(e: HeartbeatEvidence, common: dict[str, Any]) -> WorkItem:
    """The canary's work: passes through every stage."""
    return Heartbeat(tick=e.tick, **common)


def work_item_for(finding: Finding, repo: RepoConfig, base_commit: str) -> WorkItem | None:
    """The work item for ``finding`` on ``repo`` at ``base_commit``, with the repo's trust phase."""
    row = kind_for_finding(finding.kind)
    common = {
        "repo": repo.name,
        "base_commit": base_commit,
        "fingerprint": finding.fingerprint,
        "trust_phase": repo.trust.of(row.kind),
        "title": finding.title,
        "budget": repo.agent.budget,
    }
    item: WorkItem | None = row.part("build")(finding.evidence, common)
    return item
