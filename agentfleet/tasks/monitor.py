"""The beat-triggered task: run one monitor on one repo, then start the work triage accepted."""

from __future__ import annotations

from celery import Task

from agentfleet.contracts import MonitorRun
from agentfleet.core.context import get_context
from agentfleet.core.errors import TransientError
from agentfleet.flow.monitors.run import run_monitor
from agentfleet.tasks import pipeline
from agentfleet.tasks.celery_app import app

__all__ = ["monitor_task"]


@app.task(
    name="agentfleet.monitor",
    bind=True,
    pydantic=True,
    autoretry_for=(TransientError,),
    retry_backoff=5,
    max_retries=3,
)
def monitor_task(self: Task, repo: str, monitor: str) -> MonitorRun:
    """Scan ``repo`` with ``monitor``; a redelivered run re-launches only what it started itself."""
    run, result = run_monitor(get_context(), repo, monitor, run_id=self.request.id or "local")
    for job in result.jobs:
        pipeline.launch(job)
    return run
