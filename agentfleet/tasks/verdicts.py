"""Each stage's verdict, read from what it produced: the outcome of its ledger row and of its task.

Named by the stage table's ``verdict`` column; one function per stage, ``(job) -> Outcome``.
"""

from __future__ import annotations

from agentfleet.contracts import DeliveryState, Job, Verdict
from agentfleet.store.ledger import Outcome

__all__ = ["delivered", "fixed", "gated", "investigated"]

_PR_VERDICTS = frozenset({Verdict.DRAFT_PR, Verdict.PR, Verdict.AUTO_MERGE})
_DELIVERED = {
    DeliveryState.REPORTED: Outcome.REPORTED,
    DeliveryState.MERGED: Outcome.MERGED,
    DeliveryState.CLOSED: Outcome.CLOSED,
    DeliveryState.SKIPPED: Outcome.SKIPPED,
}


def investigated(job: Job) -> Outcome:
    """``reproduced`` when the investigation made the error happen again, else ``not_reproduced``."""
    reproduced = job.report is not None and job.report.reproduction.reproduced is True
    return Outcome.REPRODUCED if reproduced else Outcome.NOT_REPRODUCED


def fixed(job: Job) -> Outcome:
    """``patch`` for a patch that changes something, else ``no_fix``."""
    return Outcome.PATCH if job.patch is not None and not job.patch.is_empty else Outcome.NO_FIX


def gated(job: Job) -> Outcome:
    """``rejected`` when the gate rejected the patch (or there was none), else ``approved``."""
    decision = job.decision
    return Outcome.REJECTED if decision is None or decision.verdict is Verdict.REJECT else Outcome.APPROVED


def delivered(job: Job) -> Outcome:
    """What delivery did: ``reported``, ``opened``, ``kept`` (an open PR left as it is), ``merged``, ``closed``
    or ``skipped``."""
    delivery = job.delivery
    if delivery is None:
        return Outcome.SKIPPED
    if delivery.state in (DeliveryState.OPEN, DeliveryState.DRAFT):
        ours = job.decision is not None and job.decision.verdict in _PR_VERDICTS
        return Outcome.OPENED if ours else Outcome.KEPT
    return _DELIVERED[delivery.state]
