"""Queue names and their time limits. Import-light: no Celery here."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["QUEUE_LIMITS", "Queue", "QueueLimits"]


class Queue(StrEnum):
    """The four queues; which worker pool consumes which is decided in ``workers/`` and ``deploy/``."""

    MONITORS = "monitors"
    AGENTS = "agents"
    GATE = "gate"
    DELIVERY = "delivery"


@dataclass(frozen=True)
class QueueLimits:
    """Soft and hard time limits (seconds) for the tasks on a queue (a stage may set its own)."""

    soft: int
    hard: int


QUEUE_LIMITS: dict[Queue, QueueLimits] = {
    Queue.MONITORS: QueueLimits(soft=300, hard=360),
    Queue.AGENTS: QueueLimits(soft=1800, hard=1900),
    Queue.GATE: QueueLimits(soft=1200, hard=1300),
    Queue.DELIVERY: QueueLimits(soft=120, hard=180),
}
