"""Compose the stage tasks into one chain per job; never block on a result."""

from __future__ import annotations

from celery import chain
from celery.result import AsyncResult

from agentfleet.contracts import Job
from agentfleet.flow.kinds import kind_of
from agentfleet.tasks.stages import TASKS

__all__ = ["launch"]


def launch(job: Job) -> AsyncResult:
    """Start ``job``'s chain (its kind's stages); the first stage gets the job, each next one the previous result."""
    names = kind_of(job.item.kind).stages
    signatures = [TASKS[names[0]].s(job), *(TASKS[name].s() for name in names[1:])]
    return chain(*signatures).apply_async()
