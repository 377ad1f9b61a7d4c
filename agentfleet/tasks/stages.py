"""The pipeline's stage tasks: investigate → fix → gate → deliver, each taking and returning a ``Job``."""

from __future__ import annotations

from celery import Task

from agentfleet.contracts import Job
from agentfleet.core.context import get_context
from agentfleet.core.errors import TransientError
from agentfleet.flow.delivery import stage as delivery
from agentfleet.flow.fixers.stage import fix
from agentfleet.flow.gate.stage import verify
from agentfleet.flow.investigation.stage import investigate
from agentfleet.tasks.celery_app import app
from agentfleet.tasks.runner import run_stage

__all__ = ["deliver_task", "fix_task", "gate_task", "investigate_task"]

_RETRY = {"autoretry_for": (TransientError,), "retry_backoff": 5, "retry_backoff_max": 300, "max_retries": 5}


@app.task(name="agentfleet.investigate", bind=True, pydantic=True, **_RETRY)
def investigate_task(self: Task, job: Job) -> Job:
    """Investigate the error behind ``job`` against the code (agents queue, sandboxed)."""
    return run_stage(get_context(), self, "investigate", job, investigate)


@app.task(name="agentfleet.fix", bind=True, pydantic=True, **_RETRY)
def fix_task(self: Task, job: Job) -> Job:
    """Produce a ``Patch`` (or an honest ``NoFix``) for ``job`` in a sandbox."""
    return run_stage(get_context(), self, "fix", job, fix)


@app.task(name="agentfleet.flow.gate", bind=True, pydantic=True, **_RETRY)
def gate_task(self: Task, job: Job) -> Job:
    """Re-verify the patch in a fresh sandbox and decide where it may go."""
    return run_stage(get_context(), self, "gate", job, verify)


@app.task(name="agentfleet.deliver", bind=True, pydantic=True, **_RETRY)
def deliver_task(self: Task, job: Job) -> Job:
    """Deliver the decision: a report, a draft or ready PR, or an auto-merge."""
    return run_stage(get_context(), self, "deliver", job, delivery.deliver, last=True)
