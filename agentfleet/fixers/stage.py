"""The fix stage: run the fixers configured for a job's kind."""

from __future__ import annotations

import time

from agentfleet.context import Context
from agentfleet.contracts import Job, NoFix, Patch, WorkKind

__all__ = ["fix"]


def _passthrough(job: Job) -> Patch:
    """The heartbeat's fixer: holds as long as asked, changes nothing."""
    item = job.item
    hold = getattr(item, "hold_seconds", 0.0)
    if hold:
        time.sleep(hold)
    return Patch(base_commit=item.base_commit, diff="", author="passthrough", rationale="heartbeat: no change")


def fix(job: Job, ctx: Context) -> Job:
    """The job with a ``patch`` or a ``no_fix`` from the fixers configured for its kind."""
    kind = WorkKind(job.item.kind)
    if kind is WorkKind.HEARTBEAT:
        return job.model_copy(update={"patch": _passthrough(job)})
    return job.model_copy(update={"no_fix": NoFix(author="none", reason=f"no fixer handles {kind.value} work yet")})
