"""Triage: record findings, dedupe them against work in flight or cooling down, apply budgets.

A finding becomes new work only when its key is claimable (see ``store.work.claim``) and the
repo's budgets allow it; otherwise it is counted (or held), never lost: the finding row keeps
its count and the next monitor run asks again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from agentfleet.contracts import Finding, Job, TrustPhase, WorkItem, WorkKind, utcnow
from agentfleet.core.context import Context
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.git import resolve_branch
from agentfleet.flow.kinds import KINDS
from agentfleet.flow.triage.work_items import work_item_for
from agentfleet.store import deliveries, findings, ledger, verifications, work
from agentfleet.tasks.table import pipeline_deadline

__all__ = ["TriageResult", "triage"]

log = logging.getLogger(__name__)

_UNMETERED = tuple(row.kind for row in KINDS.values() if not row.metered)
"""Kinds that do not consume a repo's work budget (the canary must always flow)."""


@dataclass
class TriageResult:
    """What triage decided for one batch of findings."""

    jobs: list[Job] = field(default_factory=list)
    """New work to start."""
    counted: list[str] = field(default_factory=list)
    """Fingerprints already in flight or cooling down: counted only."""
    held: list[tuple[str, str]] = field(default_factory=list)
    """Fingerprints a budget held back, with the reason."""
    unactionable: list[str] = field(default_factory=list)
    """Fingerprints recorded with no work that could answer them (e.g. no fixed version yet)."""


def _budget_hold(ctx: Context, repo: RepoConfig, item: WorkItem) -> str | None:
    """Why a repo budget holds the just-claimed ``item`` back now, or ``None``."""
    kind = WorkKind(item.kind)
    if kind in _UNMETERED:
        return None
    budgets = repo.budgets
    # The item was just claimed, so it is among those started.
    started = work.started_since(ctx.store, repo.name, utcnow() - timedelta(hours=1), exclude=_UNMETERED) - 1
    if started >= budgets.max_work_per_hour:
        return f"max_work_per_hour={budgets.max_work_per_hour} reached ({started} started in the last hour)"
    if item.trust_phase >= TrustPhase.DRAFT_PR and deliveries.open_count(ctx.store, repo.name) >= budgets.max_open_prs:
        return f"max_open_prs={budgets.max_open_prs} reached"
    return None


def _start(
    ctx: Context, repo: RepoConfig, item: WorkItem, *, run_id: str, stale_s: int, result: TriageResult, resumed: bool
) -> None:
    """Claim ``item``'s key and start it unless a budget holds it; records the outcome in ``result``.
    Work queued but not moved for ``stale_s`` seconds counts as lost and is claimed again. Patches merged for
    the key that did not hold in production go along (``tried``): fixers skip them."""
    if not item.tried and (tried := verifications.tried_for(ctx.store, item.key)):
        item = item.model_copy(update={"tried": tried})
    claim, run = work.claim(
        ctx.store, Job(item=item), run_id=run_id, cooldown_s=repo.budgets.cooldown_s, stale_s=stale_s
    )
    if claim is not work.Claim.NEW:
        result.counted.append(item.fingerprint)
        return
    job = Job(item=item, run=run)
    hold = _budget_hold(ctx, repo, item)
    if hold:
        work.hold(ctx.store, job)
        result.held.append((item.fingerprint, hold))
        if not resumed:  # a held key is recorded once, not on every monitor run that asks again
            ledger.append(
                ctx.store, stage="triage", outcome="held", repo=repo.name, key=item.key, outputs={"why": hold}
            )
        return
    work.save_job(ctx.store, job)
    result.jobs.append(job)
    ledger.append(
        ctx.store,
        stage="triage",
        outcome="resumed" if resumed else "queued",
        repo=repo.name,
        key=item.key,
        actor=run_id,
        inputs={"finding": item.fingerprint},
        outputs={"run": run, "trust_phase": int(item.trust_phase)},
    )


def triage(ctx: Context, repo: RepoConfig, batch: list[Finding], *, run_id: str) -> TriageResult:
    """Record ``batch`` and decide which findings start work; idempotent per ``run_id``.

    Then resume this repo's work that a budget held or whose chain was lost, so it does not wait for
    its finding to be reported again (a one-off crash never is).
    """
    result = TriageResult()
    stale_s = pipeline_deadline(ctx.settings.celery.hard_limit_scale)
    head: str | None = None
    for finding in sorted(batch, key=lambda f: -f.severity.rank):
        findings.record(ctx.store, finding, run_id=run_id)
        if finding.commit is None and head is None:
            head = resolve_branch(repo.location, repo.default_branch)
        item = work_item_for(finding, repo, finding.commit or head or "")
        if item is None:
            result.unactionable.append(finding.fingerprint)
            continue
        _start(ctx, repo, item, run_id=run_id, stale_s=stale_s, result=result, resumed=False)
    seen = {f.fingerprint for f in batch}
    for job in work.resumable(ctx.store, repo.name, stale_s=stale_s):
        if job.item.fingerprint not in seen:
            _start(ctx, repo, job.item, run_id=run_id, stale_s=stale_s, result=result, resumed=True)
    log.info(
        "triage repo=%s findings=%d new=%d counted=%d held=%d",
        repo.name,
        len(batch),
        len(result.jobs),
        len(result.counted),
        len(result.held),
    )
    return result
