"""Compose the stage tasks into one chain per job; never block on a result."""

from __future__ import annotations

from celery import chain
from celery.result import AsyncResult

from agentfleet.contracts import Job
from agentfleet.flow.kinds import kind_of
from agentfleet.tasks.celery_app import app
from agentfleet.tasks.table import stage as stage_row

__all__ = ["launch"]


def launch(job: Job) -> AsyncResult:
    """Start ``job``'s chain: the stages of its kind not done yet (all of them for a triaged job), each
    given the work key and run (the job is the key's snapshot, which triage saved and each stage updates).
    Tasks are named from the stage table, so the stage runner can relaunch a chain without importing the
    tasks. Flower shows each task's repo, kind and key (``kwargsrepr``)."""
    item = job.item
    shown = repr({"repo": item.repo, "kind": str(item.kind), "key": job.key, "run": job.run})
    todo = kind_of(item.kind).stages[len(job.stages) :]
    tasks = (
        app.signature(stage_row(name).task, kwargs={"key": job.key, "run": job.run}, immutable=True) for name in todo
    )
    return chain(*(task.set(kwargsrepr=shown) for task in tasks)).apply_async()
