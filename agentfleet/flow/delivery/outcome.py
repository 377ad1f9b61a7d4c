"""What became of each piece of work, read back from the store: the one answer ``reports``, ``status``
and the dashboard give to "what did the fleet do with this, and why".

A work row's job snapshot holds everything its stages produced (the gate's decision and reasons, the
fixers' ``NoFix``, the delivery); a failed run's error is in its ledger row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from agentfleet.contracts import DeliveryState, Job, Verdict
from agentfleet.store import Store, ledger
from agentfleet.store.models import WorkRow

__all__ = ["REPORT_RESULTS", "Outcome", "outcome_of", "outcomes"]

REPORT_RESULTS = ("reported", "rejected", "no fix", "failed", "skipped")
"""Results that leave no pull request: what ``agentfleet reports`` lists."""
_PR_STATES = {DeliveryState.OPEN: "opened", DeliveryState.DRAFT: "draft", DeliveryState.MERGED: "merged"}


@dataclass(frozen=True)
class Outcome:
    """One key's latest run, as an operator asks about it."""

    key: str
    repo: str
    kind: str
    result: str
    """``in flight``, ``held``, ``opened``, ``draft``, ``merged``, ``closed``, or one of ``REPORT_RESULTS``."""
    reasons: tuple[str, ...]
    """Why, in the fleet's words (gate reasons, the fixers' reason, the error, the delivery's note)."""
    at: datetime
    job: Job
    verdict: str | None = None
    pr: int | None = None
    url: str | None = None

    @property
    def summary(self) -> str:
        """The reasons on one line."""
        return "; ".join(" ".join(r.split()) for r in self.reasons) or "-"


def _failure(store: Store, key: str) -> str:
    for row in ledger.recent(store, limit=5, key=key):
        if row.outcome in ledger.ENDED_BADLY:
            error = row.outputs.get("error") or row.outputs.get("deliveries")
            return f"{row.stage} {row.outcome}: {error}" if error else f"{row.stage} {row.outcome}"
    return "the run failed (no ledger row says why)"


def _finished(job: Job) -> tuple[str, tuple[str, ...]]:
    """Result and reasons of a run that ended normally."""
    decision, delivery = job.decision, job.delivery
    reasons = tuple(decision.reasons) if decision else ()
    if delivery is not None and delivery.state in _PR_STATES:
        return _PR_STATES[delivery.state], reasons
    if delivery is not None and delivery.state is DeliveryState.CLOSED:
        return "closed", (delivery.note,) if delivery.note else reasons
    if job.no_fix is not None:
        return "no fix", (job.no_fix.reason,)
    if decision is not None and decision.verdict is Verdict.REJECT:
        return "rejected", reasons
    if delivery is not None and delivery.state is DeliveryState.SKIPPED:
        return "skipped", (delivery.note,) if delivery.note else reasons
    return "reported", (*reasons, *((delivery.note,) if delivery and delivery.note else ()))


def outcome_of(store: Store, row: WorkRow) -> Outcome:
    """The outcome of ``row``'s latest run."""
    job = Job.model_validate(row.job)
    reasons: tuple[str, ...]
    if row.state == "failed":
        result, reasons = "failed", (_failure(store, row.key),)
    elif row.state in {"queued", "held"}:
        result, reasons = ("in flight" if row.state == "queued" else "held"), ()
    else:
        result, reasons = _finished(job)
    delivery = job.delivery
    return Outcome(
        key=row.key,
        repo=row.repo,
        kind=row.kind,
        result=result,
        reasons=tuple(r for r in reasons if r),
        at=row.updated_at,
        job=job,
        verdict=job.decision.verdict.value if job.decision else None,
        pr=delivery.pr_number if delivery and delivery.branch else None,
        url=delivery.url if delivery else None,
    )


def outcomes(store: Store, work_rows: Sequence[WorkRow], results: Sequence[str] = ()) -> list[Outcome]:
    """The outcome of each row, keeping only ``results`` when given."""
    found = [outcome_of(store, row) for row in work_rows]
    return [o for o in found if not results or o.result in results]
