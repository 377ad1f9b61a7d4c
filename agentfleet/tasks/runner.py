"""What every pipeline stage task does around its plain function: idempotency, ledger, redelivery cap.

A stage task gets a work key and run, not the job: the job is the key's snapshot in the store, which
each completed stage saves. Per stage, two short transactions (``store/hops.py``): read the snapshot
and record the start; save the result and record the verdict, with the rows the stage noted on its way
(``ledger.note``: each fixer attempt), so a completed stage's record is whole or absent, never half.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from functools import cache
from typing import Any

from celery import Task
from celery.exceptions import Ignore, Reject
from pydantic import BaseModel, ConfigDict

from agentfleet.contracts import Job
from agentfleet.core.context import Context
from agentfleet.core.errors import PermanentError, TransientError
from agentfleet.core.registry import import_string
from agentfleet.flow.kinds import KINDS, kind_of
from agentfleet.store import hops, ledger, work
from agentfleet.store.ledger import Outcome
from agentfleet.tasks import pipeline, table

__all__ = ["StageFn", "StageResult", "completed_job", "run_stage"]

log = logging.getLogger(__name__)

StageFn = Callable[[Job, Context], Job]
_COMPLETED = "_agentfleet_completed"


class StageResult(BaseModel):
    """The stage's verdict on one run of one key; its task returns it as text (``str``: Flower shows it)."""

    model_config = ConfigDict(frozen=True)

    outcome: str
    """The verdict (``ledger.Outcome``): ``approved``, ``rejected``, ``opened``, …"""
    stage: str
    key: str
    run: int
    duplicate: bool = False
    """A redelivered message of a completed stage: the saved verdict, nothing ran again."""

    def __str__(self) -> str:
        """One line, e.g. ``gate approved: svc:bug:1a2b run 1``: Celery reprs a task's return value for its
        pool pipe and events on every task, which for text costs a tenth of what it costs for a dict."""
        again = " (duplicate: nothing ran again)" if self.duplicate else ""
        return f"{self.stage} {self.outcome}: {self.key} run {self.run}{again}"


def completed_job(task: Task) -> Job | None:
    """The job the stage ``task`` is running just saved, once it completed (its metrics need no store read)."""
    return getattr(task.request, _COMPLETED, None)


def _actor(task: Task) -> str:
    req = task.request
    return f"{task.name}[{req.id}]@{req.hostname or '-'}"


def _delivery_count(task: Task, ctx: Context) -> int:
    """How often this message (this retry of this task) has been delivered.

    A first delivery is 1 without asking anyone. The broker marks a message it hands out again (its
    worker was lost, or it was restored at shutdown) as redelivered; those deliveries are counted in Redis.
    """
    req = task.request
    if not (req.delivery_info or {}).get("redelivered"):
        return 1
    counter = f"agentfleet:deliveries:{req.id}:{req.retries}"
    pipe = ctx.redis.pipeline(transaction=False)  # one round trip; no MULTI/EXEC needed for a counter
    pipe.incr(counter)
    pipe.expire(counter, 7 * 86_400)
    count, _ = pipe.execute()
    return 1 + int(count)


def _summary(job: Job, stage: str) -> dict[str, Any]:
    """The fields ``stage`` produced (per the stage table), as JSON for its ledger row."""
    values = {name: getattr(job, name) for name in table.stage(stage).produces}
    return {name: value.model_dump(mode="json") for name, value in values.items() if value is not None}


@cache
def _verdict(stage: str) -> Callable[[Job], Outcome]:
    return import_string(table.stage(stage).verdict)  # type: ignore[no-any-return]


def _missing_before(stage: str, job: Job) -> tuple[str, bool] | None:
    """Why ``stage`` cannot run on ``job`` yet (a stage its kind does not have, or an earlier one not done),
    and whether the stages done are a start of those it needs (what a lost completion leaves)."""
    stages = kind_of(job.item.kind).stages
    if stage not in stages:
        return f"{stage} is not a stage of {job.item.kind} work ({', '.join(stages)})", False
    before = stages[: stages.index(stage)]
    if job.stages != before:
        behind = len(job.stages) < len(before) and before[: len(job.stages)] == job.stages
        return f"needs {', '.join(before)} done first; done: {', '.join(job.stages) or 'nothing'}", behind
    return None


def _admit(
    ctx: Context, stage: str, run: int, snap: hops.Snapshot | None, deliveries: int, chained: bool
) -> tuple[Outcome, str]:
    """What this delivery of ``stage`` does, and why when it does not run. ``chained``: the message was sent
    by the stage before it in a chain, which only happens once that stage's completion was committed."""
    if snap is None or snap.job.run < run:
        return Outcome.FAILED, f"no run {run} of this key in the store (was it claimed, in this database?)"
    if snap.job.run > run:
        return Outcome.SUPERSEDED, f"run {run} was superseded by run {snap.job.run}"
    if stage in snap.job.stages:
        return Outcome.DUPLICATE, ""
    if (missing := _missing_before(stage, snap.job)) is not None:
        why, behind = missing
        if chained and behind and snap.state == work.QUEUED:  # that commit was lost before it reached the disk
            return Outcome.RELAUNCHED, f"{why} (a completion lost before it reached the disk): chain relaunched"
        return Outcome.FAILED, why
    if deliveries > 1 + ctx.settings.celery.max_redeliveries:
        return Outcome.GAVE_UP, f"lost {deliveries - 1} times with its worker; giving up"
    return Outcome.STARTED, ""


@cache
def _befores(stage: str) -> str:
    """JSON: each kind that has ``stage`` → the stages done before it (what a first delivery needs done)."""
    return json.dumps(
        {str(k): list(row.stages[: row.stages.index(stage)]) for k, row in KINDS.items() if stage in row.stages}
    )


def _begin(
    ctx: Context, stage: str, run: int, deliveries: int, chained: bool, common: dict[str, Any]
) -> hops.Snapshot | StageResult:
    """Read the key's snapshot and record what this delivery does; the snapshot to run on, or the saved
    verdict of a stage that had completed.

    Raises when the stage does not run: ``Reject`` past the redelivery cap, ``Ignore`` for an old run's
    message (the chain stops) or once the chain was relaunched from a stage whose completion was lost,
    ``PermanentError`` for an unknown key.
    """
    inputs = {"run": run, "delivery": deliveries}
    if deliveries == 1:  # the usual case: the started row rides with the read where the store can (PostgreSQL)
        started = ledger.row(outcome=Outcome.STARTED, inputs=inputs, **common)
        snap, written = hops.read_starting(ctx.store, common["key"], run, started, _befores(stage))
        if written and snap is not None:
            return snap
    else:
        snap = hops.read(ctx.store, common["key"])
    outcome, why = _admit(ctx, stage, run, snap, deliveries, chained)
    repo = snap.job.item.repo if snap is not None else None
    rows = [ledger.row(outcome=outcome, repo=repo, inputs=inputs, outputs={"error": why} if why else {}, **common)]
    ends = outcome in (Outcome.GAVE_UP, Outcome.FAILED)
    # rows of a stage that goes on need no flush of their own: the stage's outcome write flushes them
    hops.write(ctx.store, rows, fail=(common["key"], run) if ends else None, flush=ends)
    if outcome is Outcome.STARTED and snap is not None:
        return snap
    message = f"{stage} of {common['key']}: {why}"
    if outcome is Outcome.RELAUNCHED and snap is not None:
        log.warning("%s", message)
        pipeline.launch(snap.job)
        raise Ignore()
    if outcome is Outcome.GAVE_UP:
        raise Reject(message, requeue=False)
    if outcome is Outcome.FAILED:
        raise PermanentError(message)
    if outcome is Outcome.SUPERSEDED:
        log.info("stage=%s key=%s run=%d superseded; the chain stops here", stage, common["key"], run)
        raise Ignore()
    assert snap is not None
    return StageResult(outcome=_verdict(stage)(snap.job), stage=stage, key=snap.job.key, run=run, duplicate=True)


def _failed(ctx: Context, task: Task, job: Job, exc: Exception, rows: list[dict[str, Any]], **common: Any) -> None:
    """Record a stage that raised, with the rows it noted; a failure that is not retried ends the run."""
    if isinstance(exc, TransientError):
        retried = task.request.retries < (getattr(task, "max_retries", None) or 0)  # else Celery stops here
        outcome, error = (Outcome.RETRY, str(exc)) if retried else (Outcome.FAILED, f"retries exhausted: {exc}")
    else:
        retried = False
        outcome, error = (Outcome.FAILED, str(exc)) if isinstance(exc, PermanentError) else (Outcome.CRASHED, repr(exc))
    ended = ledger.row(outcome=outcome, outputs={"error": error}, **common)
    hops.write(ctx.store, [*rows, ended], fail=None if retried else (job.key, job.run))
    if not retried:
        log.exception("stage=%s repo=%s key=%s %s", common["stage"], job.item.repo, job.key, outcome)


def run_stage(ctx: Context, task: Task, stage: str, key: str, run: int, fn: StageFn) -> StageResult:
    """Run ``fn`` for ``stage`` of run ``run`` of ``key``, exactly once per run.

    A redelivered message whose stage already completed returns the saved verdict; a message lost
    with its worker more than ``max_redeliveries`` times is given up (recorded, not run again); a
    message of an older run is skipped. Transient errors are recorded and left to Celery's retry; any
    other exception fails the run: ``failed`` for a ``PermanentError``, ``crashed`` for anything else.
    """
    common: dict[str, Any] = {"stage": stage, "key": key, "actor": _actor(task)}
    chained = getattr(task.request, "parent_id", None) is not None
    admitted = _begin(ctx, stage, run, _delivery_count(task, ctx), chained, common)
    if isinstance(admitted, StageResult):
        return admitted
    job = admitted.job
    common["repo"] = job.item.repo
    started = time.monotonic()
    with hops.stage_scope() as noted:
        try:
            result = fn(job, ctx).done(stage)
        except Exception as exc:  # recorded, and the run failed or is retried; Celery still sees the exception
            _failed(ctx, task, job, exc, noted, duration_ms=int((time.monotonic() - started) * 1000), **common)
            raise
        verdict = _verdict(stage)(result)
        elapsed = int((time.monotonic() - started) * 1000)
        outcome = ledger.row(outcome=verdict, duration_ms=elapsed, outputs=_summary(result, stage), **common)
        last = stage == kind_of(job.item.kind).stages[-1]
        # a completion the run goes on from need not wait for its flush: the next stage finds it, or, when a
        # database or power failure lost it, relaunches the chain from it (``_admit``)
        hops.write(ctx.store, [*noted, outcome], save=result, last=last, flush=last)
    setattr(task.request, _COMPLETED, result)
    log.info("stage=%s repo=%s key=%s run=%d %s elapsed=%dms", stage, job.item.repo, key, run, verdict, elapsed)
    return StageResult(outcome=verdict, stage=stage, key=key, run=run)
