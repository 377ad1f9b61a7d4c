"""``Job``: the envelope one chain of stages passes along, each stage filling its part."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from agentfleet.contracts.base import Contract
from agentfleet.contracts.investigation import InvestigationReport
from agentfleet.contracts.results import Delivery, GateDecision, NoFix, Patch
from agentfleet.contracts.work import WorkItem

__all__ = ["Job"]


class Job(Contract):
    """A work item and what each stage has produced for it so far.

    Celery validates a ``Job`` on the way in and dumps it as JSON on the way out; stages
    return ``job.model_copy(update=...)`` with their own field filled.
    """

    item: WorkItem
    run: int = Field(default=1, ge=1)
    """Which run of this key (a key recurs after its cooldown); stages check it before acting."""
    report: InvestigationReport | None = None
    """Investigation report, for work that is investigated first."""
    patch: Patch | None = None
    no_fix: NoFix | None = None
    decision: GateDecision | None = None
    delivery: Delivery | None = None
    stages: tuple[str, ...] = Field(default=())
    """Stages completed, in order."""

    @property
    def key(self) -> str:
        """The work item's idempotency key."""
        return self.item.key

    def done(self, stage: str, **outputs: Any) -> Job:
        """A copy with ``stage`` marked complete and its ``outputs`` set."""
        return self.model_copy(update={**outputs, "stages": (*self.stages, stage)})
