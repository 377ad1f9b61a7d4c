"""The gate stage: re-verify a patch itself and decide where it may go (issue #7 fills this in)."""

from __future__ import annotations

from agentfleet.context import Context
from agentfleet.contracts import Check, GateDecision, Job, Verdict, WorkKind
from agentfleet.gate.trust import verdict_for

__all__ = ["verify"]


def verify(job: Job, ctx: Context) -> Job:
    """The job with the gate's ``decision``."""
    item = job.item
    if WorkKind(item.kind) is WorkKind.HEARTBEAT:
        decision = GateDecision(
            verdict=verdict_for(item.trust_phase, low_risk=False),
            checks=(Check(name="canary", passed=True, evidence="heartbeat reached the gate"),),
            reasons=("heartbeat",),
        )
    elif job.patch is None:
        why = job.no_fix.reason if job.no_fix else "no patch was produced"
        decision = GateDecision(verdict=Verdict.REJECT, reasons=(f"nothing to verify: {why}",))
    else:
        decision = GateDecision(verdict=Verdict.REJECT, reasons=("patch verification is not available yet",))
    return job.model_copy(update={"decision": decision})
