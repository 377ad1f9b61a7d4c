"""Turn a finding into the typed work item that answers it (or ``None`` when nothing can be done)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from agentfleet.contracts import (
    AdvisoryEvidence,
    CoverageEvidence,
    DocsEvidence,
    ErrorEvidence,
    ExpandTests,
    Finding,
    FindingKind,
    FixError,
    Heartbeat,
    HeartbeatEvidence,
    QualityEvidence,
    Refactor,
    SyncDocs,
    UpgradeDependency,
    WorkItem,
    WorkKind,
)
from agentfleet.core.fleet import RepoConfig

__all__ = ["WORK_KIND", "work_item_for"]

WORK_KIND: dict[FindingKind, WorkKind] = {
    FindingKind.ERROR: WorkKind.FIX_ERROR,
    FindingKind.ADVISORY: WorkKind.UPGRADE_DEPENDENCY,
    FindingKind.COVERAGE: WorkKind.EXPAND_TESTS,
    FindingKind.DOCS: WorkKind.SYNC_DOCS,
    FindingKind.QUALITY: WorkKind.REFACTOR,
    FindingKind.HEARTBEAT: WorkKind.HEARTBEAT,
}
"""Which kind of work answers which kind of finding."""


def _error(e: ErrorEvidence, common: dict[str, Any]) -> WorkItem:
    return FixError(error=e, **common)


def _advisory(e: AdvisoryEvidence, common: dict[str, Any]) -> WorkItem | None:
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


def _coverage(e: CoverageEvidence, common: dict[str, Any]) -> WorkItem:
    return ExpandTests(path=e.path, lines=e.lines, **common)


def _docs(e: DocsEvidence, common: dict[str, Any]) -> WorkItem:
    return SyncDocs(symbols=e.symbols, **common)


def _quality(e: QualityEvidence, common: dict[str, Any]) -> WorkItem:
    return Refactor(rule=e.rule, path=e.path, line=e.line, **common)


def _heartbeat(e: HeartbeatEvidence, common: dict[str, Any]) -> WorkItem:
    return Heartbeat(tick=e.tick, **common)


_BUILDERS: dict[FindingKind, Callable[[Any, dict[str, Any]], WorkItem | None]] = {
    FindingKind.ERROR: _error,
    FindingKind.ADVISORY: _advisory,
    FindingKind.COVERAGE: _coverage,
    FindingKind.DOCS: _docs,
    FindingKind.QUALITY: _quality,
    FindingKind.HEARTBEAT: _heartbeat,
}


def work_item_for(finding: Finding, repo: RepoConfig, base_commit: str) -> WorkItem | None:
    """The work item for ``finding`` on ``repo`` at ``base_commit``, with the repo's trust phase."""
    kind = WORK_KIND[finding.kind]
    common = {
        "repo": repo.name,
        "base_commit": base_commit,
        "fingerprint": finding.fingerprint,
        "trust_phase": repo.trust.of(kind),
        "title": finding.title,
        "budget": repo.agent.budget,
    }
    return _BUILDERS[finding.kind](finding.evidence, common)
