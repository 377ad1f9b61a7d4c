"""Delivery: act on the gate's decision — a report, a draft or ready PR, or an auto-merge.

One PR per idempotency key: the branch is the key's (``agentfleet/<kind>/<short-fingerprint>``), so a
re-run finds its PR and updates it; a PR a human merged or closed is never reopened. New PRs spend
the repo's budgets (open agent PRs; PRs per hour, which security upgrades ignore); a held PR still
leaves its report, so nothing verified is lost. A per-repo Redis lock makes check-then-open atomic.
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta
from pathlib import Path

from redis.exceptions import LockError

from agentfleet.contracts import Delivery, DeliveryState, Job, Verdict, WorkKind, short_fingerprint, utcnow
from agentfleet.core.context import Context
from agentfleet.core.errors import PermanentError, TransientError
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.delivery.record import record_review
from agentfleet.flow.delivery.report import job_markdown, key_marker, title_for
from agentfleet.flow.kinds import kind_of
from agentfleet.forges import Forge, PRSpec, PRState, PullRequest
from agentfleet.forges.factory import open_forge
from agentfleet.store import deliveries

__all__ = ["deliver", "report_path"]

log = logging.getLogger(__name__)

_PR_VERDICTS = (Verdict.DRAFT_PR, Verdict.PR, Verdict.AUTO_MERGE)


def report_path(ctx: Context, job: Job) -> Path:
    """Where the report for ``job`` is written: ``<data_dir>/reports/<repo>/<kind>-<short-fp>.md``."""
    item = job.item
    return (
        ctx.settings.data_dir.resolve()
        / "reports"
        / item.repo
        / f"{item.kind}-{short_fingerprint(item.fingerprint)}.md"
    )


def _labels(job: Job, verdict: Verdict) -> tuple[str, ...]:
    kind = job.item.kind.replace("_", "-")
    return ("agentfleet", kind, *(("auto-merge",) if verdict is Verdict.AUTO_MERGE else ()))


def _write_report(job: Job, ctx: Context, body: str) -> str:
    """Write ``body`` as the job's report file (atomically); its URL."""
    path = report_path(ctx, job)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(body, encoding="utf-8")
    tmp.replace(path)
    return path.as_uri()


def _report(job: Job, ctx: Context, repo: RepoConfig, *, state: DeliveryState, note: str = "") -> Delivery:
    """Write the report file and, when the repo asks, open or update its forge issue."""
    body = job_markdown(job, repo)
    url, number, forge_name = _write_report(job, ctx, body), None, "none"
    if repo.gate.report_issue:
        forge = open_forge(ctx, repo)
        known = deliveries.get(ctx.store, job.key)
        previous = known.pr_number if known and known.state is DeliveryState.REPORTED else None
        if previous is None and (filed := forge.find_issue(key_marker(job.key))) is not None:
            previous = filed.number  # filed by a run killed before it saved the number: update, never file twice
        issue = forge.file_issue(title_for(job), body, _labels(job, Verdict.REPORT), number=previous)
        url, number, forge_name = issue.url, issue.number, forge.name
    return Delivery(key=job.key, forge=forge_name, repo=repo.name, state=state, url=url, pr_number=number, note=note)


def _budget_hold(ctx: Context, repo: RepoConfig, kind: WorkKind) -> str | None:
    """Why the repo's budgets forbid opening one more PR now, or ``None``."""
    budgets = repo.budgets
    open_now = deliveries.open_count(ctx.store, repo.name)
    if open_now >= budgets.max_open_prs:
        return f"max_open_prs={budgets.max_open_prs} reached ({open_now} open)"
    if not kind_of(kind).rate_limited:
        return None  # e.g. security upgrades ignore the hourly limit
    opened = deliveries.opened_since(ctx.store, repo.name, utcnow() - timedelta(hours=1))
    if opened >= budgets.max_prs_per_hour:
        return f"max_prs_per_hour={budgets.max_prs_per_hour} reached ({opened} opened in the last hour)"
    return None


def _delivered(job: Job, forge: Forge, pr: PullRequest, state: DeliveryState, note: str = "") -> Delivery:
    return Delivery(
        key=job.key,
        forge=forge.name,
        repo=job.item.repo,
        state=state,
        branch=pr.branch,
        pr_number=pr.number,
        url=pr.url,
        note=note,
    )


def _pull_request(job: Job, ctx: Context, repo: RepoConfig, verdict: Verdict) -> Delivery:
    """Push the patch to the key's branch and open, or update, its one PR; merge it in phase 4."""
    item, patch = job.item, job.patch
    assert patch is not None
    forge = open_forge(ctx, repo)
    existing = forge.find_pr(item.branch)
    if existing is not None and existing.state is not PRState.OPEN:
        note = f"PR #{existing.number} for this key was {existing.state.value}; not opening another"
        return _delivered(job, forge, existing, DeliveryState(existing.state.value), note)
    if existing is None and (hold := _budget_hold(ctx, repo, WorkKind(item.kind))):
        return _report(job, ctx, repo, state=DeliveryState.SKIPPED, note=f"PR held by budget: {hold}")
    message = f"{title_for(job)}\n\nagentfleet key: {job.key}\nfixer: {patch.author}\ngate: {verdict.value}"
    forge.push(item.branch, base_commit=patch.base_commit, diff=patch.diff, message=message)
    spec = PRSpec(
        branch=item.branch,
        title=title_for(job),
        body=job_markdown(job, repo),
        draft=verdict is Verdict.DRAFT_PR,
        labels=_labels(job, verdict),
    )
    pr = forge.update_pr(existing.number, spec) if existing else forge.open_pr(spec)
    opened = _delivered(job, forge, pr, DeliveryState.DRAFT if pr.draft else DeliveryState.OPEN)
    # Saved before any merge attempt: if the merge fails, the open PR is still counted and known.
    deliveries.save(ctx.store, opened, kind=item.kind, verdict=verdict.value)
    if verdict is Verdict.AUTO_MERGE and not pr.draft:
        try:
            pr = forge.merge(pr.number)
        except PermanentError as exc:  # e.g. required checks still pending, a conflict: leave the PR open
            forge.comment(pr.number, f"agentfleet: auto-merge was refused; a human can merge this PR.\n\n{exc}")
            return opened.model_copy(update={"note": f"auto-merge refused: {exc}"})
        record_review(
            ctx.store,
            repo=repo.name,
            key=job.key,
            outcome="merged",
            pr=pr.number,
            actor="auto-merge",
            merge_sha=pr.merge_sha,
        )
        return _delivered(job, forge, pr, DeliveryState.MERGED)
    return opened


def _rejected(job: Job, ctx: Context, reasons: str) -> Delivery:
    """No verified patch. A PR a previous run opened stays as it is, with a comment saying why; an
    investigated error is still reported (what broke, where, who changed it last, what was tried)."""
    known = deliveries.get(ctx.store, job.key)
    if known is not None and known.pr_number and known.state in deliveries.OPEN_STATES:
        forge = open_forge(ctx, ctx.repo(job.item.repo))
        forge.comment(known.pr_number, f"agentfleet: a new run's patch was rejected by the gate.\n\n{reasons}")
        return known.model_copy(update={"note": f"re-run rejected: {reasons}"})
    if job.report is not None:
        return _report(job, ctx, ctx.repo(job.item.repo), state=DeliveryState.REPORTED, note=f"no fix: {reasons}")
    return Delivery(key=job.key, forge="none", repo=job.item.repo, state=DeliveryState.SKIPPED, note=reasons)


def _locked(ctx: Context, repo: RepoConfig, job: Job, verdict: Verdict) -> Delivery:
    try:
        with ctx.redis.lock(f"agentfleet:deliver:{repo.name}", timeout=300, blocking_timeout=60):
            return _pull_request(job, ctx, repo, verdict)
    except LockError as exc:
        raise TransientError(f"delivery lock for {repo.name} not acquired: {exc}") from None


def deliver(job: Job, ctx: Context) -> Job:
    """The job with its ``delivery``; one delivery (and at most one PR) per idempotency key."""
    item, decision = job.item, job.decision
    if not kind_of(item.kind).forge:
        note = f"{item.kind}: recorded in the store and ledger only"
        result = Delivery(key=job.key, forge="none", repo=item.repo, state=DeliveryState.REPORTED, note=note)
    elif decision is None or decision.verdict is Verdict.REJECT or job.patch is None:
        result = _rejected(job, ctx, "; ".join(decision.reasons) if decision else "no gate decision")
    elif decision.verdict in _PR_VERDICTS:
        result = _locked(ctx, ctx.repo(item.repo), job, decision.verdict)
    elif (known := deliveries.get(ctx.store, job.key)) is not None and known.state in deliveries.OPEN_STATES:
        # the key's open PR stays its one delivery: the report goes to a file, never to a second issue
        url = _write_report(job, ctx, job_markdown(job, ctx.repo(item.repo)))
        result = known.model_copy(update={"note": f"phase lowered to report; PR left as it is; report {url}"})
    else:
        result = _report(job, ctx, ctx.repo(item.repo), state=DeliveryState.REPORTED)
    deliveries.save(ctx.store, result, kind=item.kind, verdict=decision.verdict.value if decision else None)
    log.info("deliver repo=%s key=%s state=%s pr=%s", item.repo, job.key, result.state.value, result.pr_number)
    return job.model_copy(update={"delivery": result})
