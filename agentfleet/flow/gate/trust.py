"""Progressive trust: how far a gate-approved patch may travel for a repo × work kind."""

from __future__ import annotations

from agentfleet.contracts import TrustPhase, Verdict, WorkItem, WorkKind
from agentfleet.core.fleet import RepoConfig

__all__ = ["phase_for", "verdict_for"]

_BY_PHASE = {
    TrustPhase.REPORT: Verdict.REPORT,
    TrustPhase.DRAFT_PR: Verdict.DRAFT_PR,
    TrustPhase.PR: Verdict.PR,
    TrustPhase.AUTO_MERGE: Verdict.AUTO_MERGE,
}


def verdict_for(phase: TrustPhase, *, low_risk: bool) -> Verdict:
    """The verdict for a patch that passed every check; auto-merge only for low-risk changes."""
    verdict = _BY_PHASE[phase]
    if verdict is Verdict.AUTO_MERGE and not low_risk:
        return Verdict.PR
    return verdict


def phase_for(item: WorkItem, repo: RepoConfig) -> TrustPhase:
    """The lower of the phase the work started with and the fleet file's phase now (a demotion wins)."""
    return min(TrustPhase(item.trust_phase), repo.trust.of(WorkKind(item.kind)))
