"""The pipeline's stage tasks, one per row of the stage table, each taking a work key and run.

Each task is thin: ``run_stage`` reads the job from the key's snapshot and wraps the row's plain
function ``(job, ctx) -> Job`` with idempotency, ledger rows and the redelivery cap. It returns the
stage's verdict as one line of text (``StageResult``; results are not stored, Flower shows them). The task base
class validates the key and run (``AgentfleetTask``). ``TASKS`` maps a stage
name to its task.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from celery import Task

from agentfleet.core.context import get_context
from agentfleet.core.registry import import_string
from agentfleet.tasks.celery_app import app
from agentfleet.tasks.config import STAGE_TASK_OPTIONS
from agentfleet.tasks.runner import StageFn, run_stage
from agentfleet.tasks.table import STAGES, Stage

__all__ = ["TASKS"]


@cache
def _function(path: str) -> StageFn:
    return import_string(path)  # type: ignore[no-any-return]


def _stage_task(row: Stage) -> Any:
    """Register the Celery task for ``row``."""

    def run(self: Task, key: str, run: int) -> str:
        return str(run_stage(get_context(), self, row.name, key, run, _function(row.run)))

    run.__name__ = run.__qualname__ = f"{row.name}_task"
    run.__doc__ = row.doc
    return app.task(name=row.task, **STAGE_TASK_OPTIONS)(run)


TASKS: dict[str, Any] = {row.name: _stage_task(row) for row in STAGES}
"""Stage name → its Celery task."""
