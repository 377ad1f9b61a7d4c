"""What a verdict does besides moving its row: a ``verify`` ledger row, a comment on the merged PR, and for a
fix that did not hold, its work reopened with the merged patch marked "tried, did not hold"."""

from __future__ import annotations

import logging
from typing import Any

from agentfleet.contracts import Job, TriedPatch, WorkItem
from agentfleet.core.context import Context
from agentfleet.core.errors import AgentfleetError
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.delivery.record import VERIFY
from agentfleet.flow.verification.commits import Commits
from agentfleet.forges.factory import open_forge
from agentfleet.store import Store, ledger, verifications, work
from agentfleet.store.verifications import VerificationRow

__all__ = ["record", "reopen", "tell", "tried_patch"]

log = logging.getLogger(__name__)


def record(store: Store, row: VerificationRow, outcome: str, **outputs: Any) -> None:
    """Append the ``verify`` ledger row for ``row`` (the trust record counts its ``kind``)."""
    facts = {"kind": row.kind, "pr": row.pr_number, "merge_sha": row.merge_sha, **outputs}
    ledger.append(store, stage=VERIFY, outcome=outcome, repo=row.repo, key=row.key, actor="verify", outputs=facts)
    log.info("verify repo=%s key=%s pr=%s outcome=%s", row.repo, row.key, row.pr_number, outcome)


def tell(ctx: Context, repo: RepoConfig, row: VerificationRow, body: str) -> str:
    """Comment ``body`` on the merged PR; ``""``, or why the forge refused (the verdict stands either way)."""
    try:
        open_forge(ctx, repo).comment(row.pr_number, f"<!-- agentfleet:verify:{row.merge_sha} -->\n{body}")
    except AgentfleetError as exc:  # a forge outage must not lose the verdict: the ledger row says it
        log.warning("verify could not comment on %s #%s: %s", repo.name, row.pr_number, exc)
        return str(exc)
    return ""


def tried_patch(ctx: Context, row: VerificationRow, commits: Commits, *, release: str, why: str) -> TriedPatch:
    """The merged change of ``row`` as a patch that was tried and did not hold."""
    job = work.load_job(ctx.store, row.key)
    author = job.patch.author if job is not None and job.patch is not None else ""
    diff = commits.diff(f"{row.merge_sha}^1", row.merge_sha)
    return TriedPatch(
        diff=diff, author=author, pr_number=row.pr_number, merge_sha=row.merge_sha, release=release, why=why
    )


def reopen(ctx: Context, row: VerificationRow, commits: Commits, tried: TriedPatch, **update: Any) -> bool:
    """Reopen ``row``'s work: its item with ``update`` (fresh evidence) and every tried patch, based on the
    location's default branch (as triage would start it), held so the next triage starts it as a new run;
    ``False`` when a run of the key is already queued or held."""
    job = work.load_job(ctx.store, row.key)
    if job is None:
        log.warning("verify cannot reopen %s: no work row for the key", row.key)
        return False
    known = verifications.tried_for(ctx.store, row.key)
    base = commits.upstream() or job.item.base_commit
    item: WorkItem = job.item.model_copy(update={**update, "tried": (*known, tried), "base_commit": base})
    return verifications.reopen(ctx.store, row.key, Job(item=item).model_dump(mode="json"))
