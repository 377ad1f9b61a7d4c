"""Delivery: act on the gate's decision — a report, a PR, or nothing (issue #7 adds the forges)."""

from __future__ import annotations

from agentfleet.context import Context
from agentfleet.contracts import Delivery, DeliveryState, Job, Verdict
from agentfleet.store import deliveries

__all__ = ["deliver"]


def deliver(job: Job, ctx: Context) -> Job:
    """The job with its ``delivery``; one delivery row per idempotency key."""
    item = job.item
    decision = job.decision
    if decision is None or decision.verdict is Verdict.REJECT:
        note = "; ".join(decision.reasons) if decision else "no gate decision"
        result = Delivery(key=job.key, forge="none", repo=item.repo, state=DeliveryState.SKIPPED, note=note)
    else:
        result = Delivery(key=job.key, forge="none", repo=item.repo, state=DeliveryState.REPORTED)
    deliveries.save(ctx.store, result, kind=item.kind, verdict=decision.verdict.value if decision else None)
    return job.model_copy(update={"delivery": result})
