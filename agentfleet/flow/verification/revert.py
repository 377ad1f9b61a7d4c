"""The revert PR for a merged fix that made things worse: phase 2 a draft, phase 3 (and 4) ready, never merged
by agentfleet; phase 1 proposes no PR (the comment on the merged PR says how to revert).

The revert commit says ``This reverts commit <merge>``, so once a human merges it the track record counts
the fix as reverted. A revert undoes harm the fleet did: no PR budget holds it back.
"""

from __future__ import annotations

import logging

from agentfleet.contracts import TrustPhase, short_fingerprint
from agentfleet.core.context import Context
from agentfleet.core.errors import PermanentError
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.markdown import code, fence
from agentfleet.flow.verification.commits import Commits
from agentfleet.flow.verification.evidence import Cause
from agentfleet.forges import PRSpec
from agentfleet.forges.factory import open_forge
from agentfleet.store.verifications import VerificationRow

__all__ = ["cause_markdown", "propose_revert", "revert_branch"]

log = logging.getLogger(__name__)


def revert_branch(row: VerificationRow) -> str:
    """``agentfleet/revert/<short-fingerprint>-<merged PR>``."""
    return f"agentfleet/revert/{short_fingerprint(row.fingerprint)}-{row.pr_number}"


def cause_markdown(row: VerificationRow, cause: Cause) -> list[str]:
    """Why the fix is blamed: the new error, where it came from, and the frames on lines the fix changed."""
    event = cause.event
    lines = [
        f"A new error, first seen in a release that contains merge `{row.merge_sha[:12]}` of #{row.pr_number}:",
        "",
        fence(event.title),
        "",
        f"- release: {code(event.release or '-')} (commit `{cause.commit[:12]}`), event {code(event.event_id)}",
        "- its stack runs lines that this merge changed (by `git blame` at that commit):",
    ]
    lines += [f"  - {code(f'{t.path}:{t.line}')} in {code(t.function)}" for t in cause.touches]
    return lines


def propose_revert(
    ctx: Context, repo: RepoConfig, row: VerificationRow, cause: Cause, commits: Commits
) -> tuple[int | None, str]:
    """Open (or find) the revert PR; its number (``None`` in phase 1 or when the revert does not apply) and a
    note for the ledger."""
    phase = repo.trust.of(row.kind)
    if phase is TrustPhase.REPORT:
        return None, "trust phase 1: no revert PR (the comment says how to revert)"
    forge = open_forge(ctx, repo)
    branch = revert_branch(row)
    if (existing := forge.find_pr(branch)) is not None:
        return existing.number, f"revert PR #{existing.number} exists"
    head = commits.head()
    if head is None:
        return None, f"no {repo.default_branch!r} branch to revert on"
    title = forge.get_pr(row.pr_number).title
    message = f"Revert #{row.pr_number}: {title}\n\nThis reverts commit {row.merge_sha}.\n\nagentfleet key: {row.key}"
    try:
        forge.push(branch, base_commit=head, diff=commits.diff(row.merge_sha, f"{row.merge_sha}^1"), message=message)
    except PermanentError as exc:  # e.g. later commits changed the same lines: a human reverts by hand
        log.warning("revert of %s #%s does not apply: %s", repo.name, row.pr_number, exc)
        return None, f"the revert does not apply to {head[:12]}: {exc}"
    body = [f"<!-- agentfleet:revert:{row.merge_sha} -->", f"# Revert #{row.pr_number}: it made production worse", ""]
    body += cause_markdown(row, cause)
    body += ["", f"This PR undoes merge `{row.merge_sha}`. agentfleet never merges it: if the new error is not the"]
    body += ["fix's doing, close this PR.", "", f"- agentfleet key: `{row.key}`"]
    spec = PRSpec(
        branch=branch,
        title=f"[agentfleet] revert #{row.pr_number}: {title}"[:250],
        body="\n".join(body) + "\n",
        draft=phase is TrustPhase.DRAFT_PR,
        labels=("agentfleet", "revert"),
    )
    pr = forge.open_pr(spec)
    return pr.number, f"revert PR #{pr.number} opened ({'draft' if pr.draft else 'ready'})"
