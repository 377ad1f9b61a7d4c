"""Compose the stage tasks into one chain per job; never block on a result."""

from __future__ import annotations

from celery import chain
from celery.result import AsyncResult

from agentfleet.contracts import Job
from agentfleet.flow.kinds import kind_of
from agentfleet.tasks.stages import TASKS

__all__ = ["launch"]


def launch(job: Job) -> AsyncResult:
    """Start ``job``'s chain: its kind's stages, each given the work key and run (the job is the key's
    snapshot, which triage saved). Flower shows each task's repo, kind and key (``kwargsrepr``)."""
    item = job.item
    shown = repr({"repo": item.repo, "kind": str(item.kind), "key": job.key, "run": job.run})
    stages = kind_of(item.kind).stages
    return chain(*(TASKS[name].si(key=job.key, run=job.run).set(kwargsrepr=shown) for name in stages)).apply_async()
