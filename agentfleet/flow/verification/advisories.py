"""The ``verify`` step for ``upgrade_dependency`` work, run by the advisories monitor after its scan.

A merged upgrade is judged by the first advisories run over a default branch containing the merge: if the
advisories it answered no longer apply to that declaration, it is ``verified``; if one still does, the work
is reopened (the merged bump marked tried) and the upgrade ``regressed``. Until the scanned branch contains
the merge (the location has not pulled it yet), nothing is judged.
"""

from __future__ import annotations

import logging

from agentfleet.contracts import AdvisoryEvidence, Finding, UpgradeDependency, WorkKind
from agentfleet.core.context import Context
from agentfleet.core.errors import AgentfleetError
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.verification import act
from agentfleet.flow.verification.commits import Commits
from agentfleet.flow.verification.watch import watch_merges
from agentfleet.store import verifications, work
from agentfleet.store.verifications import State, VerificationRow

__all__ = ["still_applies", "verify_upgrades"]

log = logging.getLogger(__name__)


def still_applies(ctx: Context, row: VerificationRow, finding: Finding | None) -> list[str]:
    """The advisories the merged upgrade answered that ``finding`` (same declaration, this run) still reports."""
    if finding is None or not isinstance(finding.evidence, AdvisoryEvidence):
        return []
    now = {ref.id for ref in finding.evidence.advisories}
    job = work.load_job(ctx.store, row.key)
    answered = {ref.id for ref in job.item.advisories} if job and isinstance(job.item, UpgradeDependency) else now
    return sorted(now & answered)


def _judge(
    ctx: Context, repo: RepoConfig, row: VerificationRow, commits: Commits, commit: str, found: Finding | None
) -> None:
    store = ctx.store
    if (why := commits.unjudgeable(row.merge_sha)) is not None:
        if verifications.advance(store, row.id, expect=row.state, state=State.NOT_JUDGED, note=why):
            act.record(store, row, "not-judged", why=why)
        return
    if not commits.contains(commit, row.merge_sha):
        why = f"the last advisories run scanned {commit[:12]}, which does not contain the merge yet"
        verifications.progress(store, row.id, note=why)
        return
    scanned = f"advisories run at {commit[:12]}"
    applies = still_applies(ctx, row, found)
    if not applies:
        why = "the advisories it answered no longer apply"
        if verifications.advance(store, row.id, expect=row.state, state=State.VERIFIED, note=why, deployed_by=scanned):
            act.tell(ctx, repo, row, f"agentfleet: this upgrade **held**: {why} ({scanned}).")
            act.record(store, row, "verified", why=why, deployed_by=scanned)
        return
    why = f"still affected by {', '.join(applies)}"
    tried = act.tried_patch(ctx, row, commits, release=scanned, why=f"did not hold: {why}")
    reopened = act.reopen(ctx, row, commits, tried)
    fields = {"note": why, "deployed_by": scanned, "tried": tried.model_dump(mode="json")}
    if verifications.advance(store, row.id, expect=row.state, state=State.REGRESSED, **fields):
        act.tell(ctx, repo, row, f"agentfleet: this upgrade **did not hold**: {why}. The work is reopened.")
        act.record(store, row, "regressed", why=why, deployed_by=scanned, reopened=reopened)


def verify_upgrades(ctx: Context, repo: RepoConfig, commit: str, found: list[Finding]) -> None:
    """Judge ``repo``'s merged upgrades against an advisories run over ``commit`` that found ``found``."""
    watch_merges(ctx, repo, WorkKind.UPGRADE_DEPENDENCY)
    rows = verifications.pending(ctx.store, repo.name, WorkKind.UPGRADE_DEPENDENCY.value)
    if not rows:
        return
    by_fingerprint = {f.fingerprint: f for f in found}
    try:
        commits = Commits.of(ctx, repo)
        commits.refresh()
        for row in rows:
            _judge(ctx, repo, row, commits, commit, by_fingerprint.get(row.fingerprint))
    except AgentfleetError as exc:  # git or the forge failing delays verdicts; the next run tries again
        log.warning("verify skipped upgrades repo=%s: %s", repo.name, exc)
