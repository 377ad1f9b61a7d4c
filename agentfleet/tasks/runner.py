"""What every pipeline stage task does around its plain function: idempotency, ledger, redelivery cap."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from celery import Task
from celery.exceptions import Reject

from agentfleet.contracts import Job
from agentfleet.core.context import Context
from agentfleet.core.errors import PermanentError, TransientError
from agentfleet.flow.kinds import kind_of
from agentfleet.store import ledger, work
from agentfleet.tasks import table

__all__ = ["StageFn", "run_stage"]

log = logging.getLogger(__name__)

StageFn = Callable[[Job, Context], Job]


def _actor(task: Task) -> str:
    req = task.request
    return f"{task.name}[{req.id}]@{req.hostname or '-'}"


def _delivery_count(task: Task, ctx: Context) -> int:
    """How often this message (this retry of this task) has been delivered, counted in Redis."""
    req = task.request
    counter = f"agentfleet:deliveries:{req.id}:{req.retries}"
    pipe = ctx.redis.pipeline()
    pipe.incr(counter)
    pipe.expire(counter, 7 * 86_400)
    count, _ = pipe.execute()
    return int(count)


def _summary(job: Job, stage: str) -> dict[str, Any]:
    """The fields ``stage`` produced (per the stage table), as JSON for its ledger row."""
    values = {name: getattr(job, name) for name in table.stage(stage).produces}
    return {name: value.model_dump(mode="json") for name, value in values.items() if value is not None}


def run_stage(ctx: Context, task: Task, stage: str, job: Job, fn: StageFn) -> Job:
    """Run ``fn`` for ``stage`` of ``job`` exactly once per run of its key.

    A redelivered message whose stage already completed returns the saved result; a message lost
    with its worker more than ``max_redeliveries`` times is given up (recorded, not run again).
    Transient errors are recorded and left to Celery's retry; any other exception fails the run:
    ``failed`` for a ``PermanentError``, ``crashed`` for anything unexpected (a bug, a time limit).
    """
    common: dict[str, Any] = {"stage": stage, "repo": job.item.repo, "key": job.key, "actor": _actor(task)}
    saved = work.load_job(ctx.store, job.key)
    if saved is not None and saved.run == job.run and stage in saved.stages:
        ledger.append(ctx.store, outcome="duplicate", **common)
        return saved
    deliveries = _delivery_count(task, ctx)
    if deliveries > 1 + ctx.settings.celery.max_redeliveries:
        ledger.append(ctx.store, outcome="gave-up", outputs={"deliveries": deliveries}, **common)
        work.finish(ctx.store, job, failed=True)
        raise Reject(f"{stage} of {job.key} lost {deliveries - 1} times; giving up", requeue=False)
    ledger.append(ctx.store, outcome="started", inputs={"run": job.run, "delivery": deliveries}, **common)
    started = time.monotonic()
    try:
        result = fn(job, ctx).done(stage)
    except TransientError as exc:
        if task.request.retries >= (getattr(task, "max_retries", None) or 0):  # Celery will not try again
            ledger.append(ctx.store, outcome="failed", outputs={"error": f"retries exhausted: {exc}"}, **common)
            work.finish(ctx.store, job, failed=True)
        else:
            ledger.append(ctx.store, outcome="retry", outputs={"error": str(exc)}, **common)
        raise
    except Exception as exc:  # recorded and the run failed; Celery still sees the exception
        elapsed = int((time.monotonic() - started) * 1000)
        outcome, error = ("failed", str(exc)) if isinstance(exc, PermanentError) else ("crashed", repr(exc))
        ledger.append(ctx.store, outcome=outcome, duration_ms=elapsed, outputs={"error": error}, **common)
        work.finish(ctx.store, job, failed=True)
        log.exception("stage=%s repo=%s key=%s %s", stage, job.item.repo, job.key, outcome)
        raise
    elapsed = int((time.monotonic() - started) * 1000)
    if stage == kind_of(job.item.kind).stages[-1]:  # the job's last stage ends its run
        work.finish(ctx.store, result)
    else:
        work.save_job(ctx.store, result)
    ledger.append(ctx.store, outcome="ok", duration_ms=elapsed, outputs=_summary(result, stage), **common)
    log.info("stage=%s repo=%s key=%s run=%d elapsed=%dms", stage, job.item.repo, job.key, job.run, elapsed)
    return result
