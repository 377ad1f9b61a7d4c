"""The canary's gate: nothing to verify, so one check saying the work reached the gate."""

from __future__ import annotations

from agentfleet.contracts import Check, GateDecision, Job
from agentfleet.core.context import Context
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.gate.trust import phase_for, verdict_for

__all__ = ["decide"]


def decide(job: Job, ctx: Context, repo: RepoConfig) -> GateDecision:
    """Pass, at the work's trust phase; never low-risk."""
    return GateDecision(
        verdict=verdict_for(phase_for(job.item, repo), low_risk=False),
        checks=(Check(name="canary", passed=True, evidence=f"{job.item.kind} work reached the gate"),),
        reasons=(job.item.kind,),
    )
