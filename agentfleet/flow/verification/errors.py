"""The ``verify`` step for ``fix_error`` work, run by the errors monitor on its schedule.

Each merged fix waits for a release containing it; then, for ``verify_window`` seconds, production says
whether it held (silent, with ``min_traffic`` events of traffic), did not hold (its group came back: the
work is reopened with the merged patch marked tried), or made it worse (a new group in lines it changed: a
revert is proposed). A fix a human reverted, or whose merge left the default branch, is not judged.
"""

from __future__ import annotations

import logging
from datetime import datetime

from agentfleet.contracts import FixError, WorkKind, utcnow
from agentfleet.core.context import Context
from agentfleet.core.errors import AgentfleetError
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.markdown import code
from agentfleet.flow.verification import act
from agentfleet.flow.verification.commits import Commits
from agentfleet.flow.verification.deploys import Deploys
from agentfleet.flow.verification.evidence import Events, Observed, observe
from agentfleet.flow.verification.judge import Outcome, Verdict, judge
from agentfleet.flow.verification.revert import cause_markdown, propose_revert
from agentfleet.flow.verification.watch import watch_merges
from agentfleet.ingest import read
from agentfleet.ingest.event import ErrorEvent
from agentfleet.store import verifications, work
from agentfleet.store.verifications import State, VerificationRow

__all__ = ["verify_fixes"]

log = logging.getLogger(__name__)


class _Pass:
    """One verify pass over one repo's pending fixes."""

    def __init__(self, ctx: Context, repo: RepoConfig, now: datetime) -> None:
        self.ctx, self.repo, self.now = ctx, repo, now
        self.commits = Commits.of(ctx, repo)
        self.commits.refresh()
        self.deploys = Deploys(ctx.store, repo.name, self.commits, repo.errors.release_format)
        self.events = Events(ctx.store, repo.name)

    def run(self, row: VerificationRow) -> str | None:
        """Move ``row`` along as far as production allows; a line saying what changed, if anything did."""
        if (why := self.commits.unjudgeable(row.merge_sha)) is not None:
            return self._final(row, State.NOT_JUDGED, "not-judged", why)
        if row.state == State.AWAITING_DEPLOY:
            found = self.deploys.first_containing(row.merge_sha, row.merged_at)
            if found is None:
                return None
            at, how = found
            if not verifications.advance(
                self.ctx.store, row.id, expect=row.state, state=State.AWAITING_VERDICT, deployed_at=at, deployed_by=how
            ):
                return None
            act.record(self.ctx.store, row, "deployed", deployed_by=how, deployed_at=at.isoformat())
            row.state, row.deployed_at, row.deployed_by = State.AWAITING_VERDICT.value, at, how
        return self._judge(row)

    def _judge(self, row: VerificationRow) -> str | None:
        assert row.deployed_at is not None
        seen = observe(self.ctx.store, row, self.commits, self.deploys, self.events)
        policy = self.repo.errors
        verdict = judge(
            seen,
            deployed_at=row.deployed_at,
            now=self.now,
            window_s=policy.verify_window,
            min_traffic=policy.min_traffic,
        )
        if verdict.outcome is Outcome.WAITING:
            note = verdict.why + (f"; {seen.unattributed} event(s) from no known commit" if seen.unattributed else "")
            verifications.progress(
                self.ctx.store, row.id, traffic=seen.traffic, checked=sorted(seen.checked), note=note
            )
            return None
        if verdict.outcome is Outcome.HELD:
            self._comment(row, f"agentfleet: this fix **held** in production: {verdict.why} ({row.deployed_by}).")
            return self._final(row, State.VERIFIED, "verified", verdict.why, traffic=seen.traffic)
        if verdict.outcome is Outcome.DID_NOT_HOLD:
            return self._did_not_hold(row, seen, verdict)
        return self._made_it_worse(row, seen, verdict)

    def _did_not_hold(self, row: VerificationRow, seen: Observed, verdict: Verdict) -> str | None:
        last = seen.recurrences[-1]
        release = last.release or row.deployed_by
        tried = act.tried_patch(self.ctx, row, self.commits, release=release, why=f"did not hold: {verdict.why}")
        event = read.get_event(self.ctx.store, row.repo, last.event_id)
        reopened = act.reopen(self.ctx, row, self.commits, tried, **self._fresh_evidence(row, seen, event))
        self._comment(
            row,
            f"agentfleet: this fix **did not hold**: {code(verdict.why)}, a release containing it. "
            + ("The work is reopened as a new run; this patch is marked as tried." if reopened else ""),
        )
        tried_json = tried.model_dump(mode="json")
        return self._final(row, State.REGRESSED, "regressed", verdict.why, tried=tried_json, reopened=reopened)

    def _fresh_evidence(self, row: VerificationRow, seen: Observed, event: ErrorEvent | None) -> dict[str, object]:
        """The recurrence as the reopened run's evidence (its frames, release and event ids)."""
        job = work.load_job(self.ctx.store, row.key)
        if job is None or not isinstance(job.item, FixError) or event is None:
            return {}
        ids = tuple(e.event_id for e in seen.recurrences[-5:])
        error = job.item.error.model_copy(
            update={
                "exception_value": event.exception_value,
                "frames": event.frames,
                "release": event.release,
                "handled": event.handled,
                "event_ids": ids,
            }
        )
        return {"error": error}

    def _made_it_worse(self, row: VerificationRow, seen: Observed, verdict: Verdict) -> str | None:
        assert seen.cause is not None
        number, note = propose_revert(self.ctx, self.repo, row, seen.cause, self.commits)
        lines = ["agentfleet: this fix **made production worse**.", "", *cause_markdown(row, seen.cause), ""]
        revert = f"git revert -m 1 {row.merge_sha}"
        lines.append(f"Proposed revert: #{number}." if number else f"Revert it by hand: `{revert}` ({note}).")
        self._comment(row, "\n".join(lines))
        outputs = {"group": seen.cause.fingerprint, "revert_pr": number, "revert": note}
        return self._final(row, State.CAUSED, "caused", verdict.why, **outputs)

    def _comment(self, row: VerificationRow, body: str) -> None:
        if (failed := act.tell(self.ctx, self.repo, row, body)) != "":
            log.warning("verdict for %s stands without its PR comment: %s", row.key, failed)

    def _final(self, row: VerificationRow, state: State, outcome: str, why: str, **outputs: object) -> str | None:
        fields = {k: outputs[k] for k in ("traffic", "tried", "revert_pr") if k in outputs}
        if not verifications.advance(self.ctx.store, row.id, expect=row.state, state=state, note=why, **fields):
            return None
        shown = {k: v for k, v in outputs.items() if k != "tried"}
        act.record(self.ctx.store, row, outcome, why=why, deployed_by=row.deployed_by, **shown)
        return f"#{row.pr_number} {outcome}: {why}"


def verify_fixes(ctx: Context, repo: RepoConfig, *, now: datetime | None = None) -> list[str]:
    """Judge ``repo``'s merged ``fix_error`` PRs in production; one line per verdict reached."""
    watch_merges(ctx, repo, WorkKind.FIX_ERROR)
    rows = verifications.pending(ctx.store, repo.name, WorkKind.FIX_ERROR.value)
    if not rows:
        return []
    try:
        step = _Pass(ctx, repo, now or utcnow())
    except AgentfleetError as exc:  # e.g. the location is unreachable: the next pass tries again
        log.warning("verify skipped repo=%s: %s", repo.name, exc)
        return []
    changes = []
    for row in rows:
        try:
            change = step.run(row)
        except AgentfleetError as exc:  # one fix's trouble (git, forge) must not keep the others from a verdict
            log.warning("verify failed repo=%s pr=%s: %s", repo.name, row.pr_number, exc)
            continue
        if change:
            changes.append(change)
    return changes
