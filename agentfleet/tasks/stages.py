"""The pipeline's stage tasks, one per row of the stage table, each taking and returning a ``Job``.

Each task is thin: ``run_stage`` wraps the row's plain function with idempotency, ledger rows and the
redelivery cap. ``TASKS`` maps a stage name to its task.
"""

from __future__ import annotations

from typing import Any

from celery import Task

from agentfleet.contracts import Job
from agentfleet.core.context import get_context
from agentfleet.core.registry import import_string
from agentfleet.tasks.celery_app import app
from agentfleet.tasks.config import STAGE_TASK_OPTIONS
from agentfleet.tasks.runner import run_stage
from agentfleet.tasks.table import STAGES, Stage

__all__ = ["TASKS"]


def _stage_task(row: Stage) -> Any:
    """Register the Celery task for ``row``."""

    def run(self: Task, job: Job) -> Job:
        return run_stage(get_context(), self, row.name, job, import_string(row.run))

    run.__name__ = run.__qualname__ = f"{row.name}_task"
    run.__doc__ = row.doc
    return app.task(name=row.task, **STAGE_TASK_OPTIONS)(run)


TASKS: dict[str, Any] = {row.name: _stage_task(row) for row in STAGES}
"""Stage name → its Celery task."""
