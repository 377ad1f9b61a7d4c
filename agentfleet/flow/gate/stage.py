"""The gate stage: re-verify a patch itself and decide where it may go.

Diff-only checks run first (limits, forbidden paths, secrets); when they pass, the patch is applied
to its base commit in a fresh sandbox and the gate runs the proof and the suite itself, then
reviews the touched files (test weakening, swallowed exceptions, ruff on added lines). Every
check lands in the ``GateDecision`` with its evidence; any failure rejects.
"""

from __future__ import annotations

import logging

from agentfleet.contracts import Check, GateDecision, Job, TrustPhase, Verdict, WorkKind
from agentfleet.core.context import Context
from agentfleet.core.errors import PermanentError
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.gate.checks import kind_checks
from agentfleet.flow.gate.diffview import DiffView
from agentfleet.flow.gate.review import review_checks, ruff_changed_lines
from agentfleet.flow.gate.risk import api_changes
from agentfleet.flow.gate.sandboxed import run_sandboxed
from agentfleet.flow.gate.static import static_checks
from agentfleet.flow.gate.trust import phase_for, verdict_for
from agentfleet.flow.kinds import kind_of

__all__ = ["decide", "verify"]

log = logging.getLogger(__name__)


def _reject(checks: list[Check], *extra: str) -> GateDecision:
    failed = [f"{c.name}: {c.headline or 'failed'}" for c in checks if not c.passed]
    return GateDecision(verdict=Verdict.REJECT, checks=tuple(checks), reasons=(*failed, *extra))


def decide(job: Job, ctx: Context, repo: RepoConfig) -> GateDecision:
    """The gate's decision on ``job.patch`` for ``repo``."""
    patch = job.patch
    if patch is None:
        why = job.no_fix.reason if job.no_fix else "no patch was produced"
        return GateDecision(verdict=Verdict.REJECT, reasons=(f"nothing to verify: {why}",))
    if patch.is_empty:
        return _reject([Check(name="changes_something", passed=False, evidence="the patch changes nothing")])
    try:
        view = DiffView.parse(patch.diff)
    except PermanentError as exc:
        return _reject([Check(name="parses", passed=False, evidence=str(exc))])
    kind = WorkKind(job.item.kind)
    checks = static_checks(view, repo.gate, kind_of(kind), ctx.settings.sandbox.dependency_files)
    if not all(c.passed for c in checks):
        return _reject(checks, "sandbox checks not run: the diff-only checks failed")
    outcome = run_sandboxed(ctx, repo, job, view)
    checks += outcome.checks
    if outcome.after:
        checks += [
            *review_checks(outcome.before, outcome.after),
            ruff_changed_lines(view, outcome.after, repo.gate.ruff_select),
        ]
    if not all(c.passed for c in checks):
        return _reject(checks)
    checks += kind_checks(kind_of(kind).checks, job, ctx, repo, view)
    if not all(c.passed for c in checks):
        return _reject(checks)
    low, risks = kind_of(kind).part("low_risk")(view, repo.gate, api_changes(outcome.before, outcome.after))
    phase = phase_for(job.item, repo)
    verdict = verdict_for(phase, low_risk=low)
    reasons = [f"all {len(checks)} checks passed", f"trust phase {int(phase)} ({phase.name.lower()}) → {verdict.value}"]
    reasons += [f"not low-risk: {line}" for line in risks] if phase is TrustPhase.AUTO_MERGE else []
    return GateDecision(verdict=verdict, checks=tuple(checks), reasons=tuple(reasons), low_risk=low)


def verify(job: Job, ctx: Context) -> Job:
    """The job with the gate's ``decision``, by its kind's gate procedure (the work-kind table's ``gate``)."""
    item = job.item
    decision: GateDecision = kind_of(item.kind).part("gate")(job, ctx, ctx.repo(item.repo))
    log.info("gate repo=%s key=%s verdict=%s", item.repo, job.key, decision.verdict.value)
    return job.model_copy(update={"decision": decision})
