"""Task metrics from Celery's signals: each task's duration by stage and state, and the gate's checks and
verdicts from the job a completed gate saved (no stage code changes for metrics, no store read)."""

from __future__ import annotations

import os
import time
from typing import Any

from celery import Task
from celery.signals import task_postrun, task_prerun, worker_process_shutdown

from agentfleet.contracts import Job
from agentfleet.metrics.exporter import mark_dead
from agentfleet.tasks.runner import completed_job
from agentfleet.tasks.table import STAGES

__all__ = ["record_duration", "record_start"]

_STAGE_OF = {s.task: s.name for s in STAGES} | {"agentfleet.monitor": "monitor"}
_STARTED = "_agentfleet_started"


@task_prerun.connect
def record_start(task: Task | None = None, **_: Any) -> None:
    """Note when ``task`` started, on its request."""
    if task is not None:
        setattr(task.request, _STARTED, time.monotonic())


def _gate(job: Job) -> None:
    from agentfleet.metrics.instruments import GATE_CHECKS, GATE_VERDICTS

    decision = job.decision
    if decision is None:
        return
    GATE_VERDICTS.labels(kind=job.item.kind, verdict=decision.verdict.value).inc()
    for check in decision.checks:
        GATE_CHECKS.labels(check=check.name, result="pass" if check.passed else "fail").inc()


@task_postrun.connect
def record_duration(task: Task | None = None, state: str | None = None, **_: Any) -> None:
    """Observe ``task``'s duration by stage and state; after the gate, count its checks and verdict."""
    stage = _STAGE_OF.get(getattr(task, "name", ""))
    started = getattr(getattr(task, "request", None), _STARTED, None)
    if stage is None or started is None:
        return
    from agentfleet.metrics.instruments import STAGE_DURATION

    STAGE_DURATION.labels(stage=stage, state=state or "UNKNOWN").observe(time.monotonic() - started)
    if stage == "gate" and state == "SUCCESS" and task is not None and (job := completed_job(task)) is not None:
        _gate(job)


@worker_process_shutdown.connect
def forget_process(pid: int | None = None, **_: Any) -> None:
    """A pool process left: drop its live multiprocess gauges."""
    mark_dead(pid or os.getpid())
