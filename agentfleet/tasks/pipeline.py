"""Compose the stage tasks into one chain per job; never block on a result."""

from __future__ import annotations

from celery import chain
from celery.result import AsyncResult

from agentfleet.contracts import Job, WorkKind
from agentfleet.tasks.stages import deliver_task, fix_task, gate_task, investigate_task

__all__ = ["launch", "stages_for"]

_TASKS = {"investigate": investigate_task, "fix": fix_task, "gate": gate_task, "deliver": deliver_task}


def stages_for(kind: WorkKind) -> list[str]:
    """The stage names a job of ``kind`` goes through, in order."""
    first = ["investigate"] if kind is WorkKind.FIX_ERROR else []
    return [*first, "fix", "gate", "deliver"]


def launch(job: Job) -> AsyncResult:
    """Start ``job``'s chain; the first stage gets the job, each next one the previous result."""
    names = stages_for(WorkKind(job.item.kind))
    signatures = [_TASKS[names[0]].s(job), *(_TASKS[name].s() for name in names[1:])]
    return chain(*signatures).apply_async()
