"""The stage table: every pipeline stage declared once — its task, queue, time limits, output and verdict.

Celery's routes and time limits (``config``), the stage tasks themselves (``stages``), the
pipeline's chains (``pipeline``), the runner's ledger summary and outcome, and the lost-work deadline
are all derived from here. Import-light: no Celery. Tasks that are not stages (the monitor) are in ``OTHER_TASKS``.
"""

from __future__ import annotations

from dataclasses import dataclass

from agentfleet.tasks.queues import QUEUE_LIMITS, Queue, QueueLimits

__all__ = ["OTHER_TASKS", "STAGES", "Stage", "limits_of", "pipeline_deadline", "stage", "task_routes"]


@dataclass(frozen=True)
class Stage:
    """One stage: a thin task around a plain function ``(job, ctx) -> Job``."""

    name: str
    """Stage name: in ``Job.stages``, the ledger and the work-kind table."""
    task: str
    """The Celery task name (stable: messages in flight carry it)."""
    queue: Queue
    run: str
    """Import path of the plain function the task calls."""
    produces: tuple[str, ...]
    """The ``Job`` fields the stage fills (summarised in its ledger row)."""
    verdict: str
    """Import path of ``(job) -> Outcome``: the stage's verdict, for its ledger row and its task's result."""
    limits: QueueLimits | None = None
    """Soft/hard time limits; ``None``: the queue's."""
    doc: str = ""
    """One line for the task's docstring (Flower, ``celery inspect``)."""

    @property
    def time_limits(self) -> QueueLimits:
        """The limits that apply: the stage's own, else its queue's."""
        return self.limits or QUEUE_LIMITS[self.queue]


STAGES: tuple[Stage, ...] = (
    Stage(
        name="investigate",
        task="agentfleet.investigate",
        queue=Queue.AGENTS,
        run="agentfleet.flow.investigation.stage.investigate",
        verdict="agentfleet.tasks.verdicts.investigated",
        produces=("report",),
        doc="Investigate the error behind a job against the code (sandboxed).",
    ),
    Stage(
        name="fix",
        task="agentfleet.fix",
        queue=Queue.AGENTS,
        run="agentfleet.flow.fixers.stage.fix",
        verdict="agentfleet.tasks.verdicts.fixed",
        produces=("patch", "no_fix"),
        doc="Produce a Patch (or an honest NoFix) for a job in a sandbox.",
    ),
    Stage(
        name="gate",
        task="agentfleet.gate",
        queue=Queue.GATE,
        run="agentfleet.flow.gate.stage.verify",
        verdict="agentfleet.tasks.verdicts.gated",
        produces=("decision",),
        doc="Re-verify the patch in fresh sandboxes and decide where it may go.",
    ),
    Stage(
        name="deliver",
        task="agentfleet.deliver",
        queue=Queue.DELIVERY,
        run="agentfleet.flow.delivery.stage.deliver",
        verdict="agentfleet.tasks.verdicts.delivered",
        produces=("delivery",),
        doc="Deliver the decision: a report, a draft or ready PR, or an auto-merge.",
    ),
)
"""Every stage, in flow order."""

OTHER_TASKS: dict[str, Queue] = {
    "agentfleet.monitor": Queue.MONITORS,
}
"""Tasks that are not stages, and their queues."""

_BY_NAME = {s.name: s for s in STAGES}


def stage(name: str) -> Stage:
    """The stage called ``name``; ``KeyError`` names the known ones otherwise."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"no stage {name!r} in the stage table (known: {', '.join(_BY_NAME)})") from None


def task_routes() -> dict[str, Queue]:
    """Every task name → its queue."""
    return {**{s.task: s.queue for s in STAGES}, **OTHER_TASKS}


def limits_of(task: str) -> QueueLimits:
    """The time limits of ``task``: its stage's, or its queue's."""
    for s in STAGES:
        if s.task == task:
            return s.time_limits
    return QUEUE_LIMITS[OTHER_TASKS[task]]


def pipeline_deadline(scale: float = 1.0) -> int:
    """Seconds after which a queued run that has not moved is considered lost (every stage's hard limit)."""
    return int(sum(s.time_limits.hard for s in STAGES) * scale) + 600
