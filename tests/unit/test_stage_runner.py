"""Every stage runs once per run of its key, records itself, and gives up on poison messages."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import fakeredis
import pytest
from celery.exceptions import Reject

from agentfleet.contracts import Heartbeat, Job, Patch
from agentfleet.core.context import Context
from agentfleet.core.errors import PermanentError, TransientError
from agentfleet.store import ledger, work
from agentfleet.tasks.runner import run_stage

SHA = "a" * 40


@pytest.fixture
def ctx(store_ctx: Context) -> Context:
    """Every test here runs on SQLite and on PostgreSQL."""
    return store_ctx


@pytest.fixture
def queued(ctx: Context) -> Job:
    """A claimed job and a context whose Redis is fakeredis."""
    ctx.__dict__["redis"] = fakeredis.FakeRedis()
    job = Job(item=Heartbeat(repo="svc", base_commit=SHA, fingerprint="hb:1"))
    assert work.claim(ctx.store, job, run_id="r", cooldown_s=0, stale_s=60)[0] is work.Claim.NEW
    return job


def task(task_id: str = "t-1", retries: int = 0, max_retries: int = 5) -> Any:
    request = SimpleNamespace(id=task_id, retries=retries, hostname="w1")
    return SimpleNamespace(name="agentfleet.fix", request=request, max_retries=max_retries)


def fixer(calls: list[str]) -> Any:
    def fn(job: Job, ctx: Context) -> Job:
        calls.append(job.key)
        return job.model_copy(update={"patch": Patch(base_commit=SHA, diff="", author="test")})

    return fn


def outcomes(ctx: Context) -> list[str]:
    return [row.outcome for row in reversed(ledger.recent(ctx.store))]


def test_a_redelivered_completed_stage_returns_the_saved_result(ctx: Context, queued: Job) -> None:
    calls: list[str] = []
    first = run_stage(ctx, task(), "fix", queued, fixer(calls))
    again = run_stage(ctx, task(), "fix", queued, fixer(calls))
    assert calls == [queued.key]
    assert again == first
    assert first.stages == ("fix",)
    assert outcomes(ctx) == ["started", "ok", "duplicate"]


def test_the_last_stage_finishes_the_run(ctx: Context, queued: Job) -> None:
    run_stage(ctx, task(), "deliver", queued, fixer([]))
    assert work.rows(ctx.store)[0].state == "done"


def test_a_message_lost_too_often_is_given_up(ctx: Context, queued: Job) -> None:
    ctx.settings.celery.max_redeliveries = 2
    calls: list[str] = []
    for _ in range(3):  # the first delivery and two redeliveries die with their worker
        ctx.redis.incr("agentfleet:deliveries:t-9:0")
    with pytest.raises(Reject):
        run_stage(ctx, task("t-9"), "fix", queued, fixer(calls))
    assert calls == []
    assert outcomes(ctx) == ["gave-up"]
    assert work.rows(ctx.store)[0].state == "failed"


def test_retries_are_counted_separately_from_redeliveries(ctx: Context, queued: Job) -> None:
    ctx.settings.celery.max_redeliveries = 0
    calls: list[str] = []
    run_stage(ctx, task("t-2", retries=0), "gate", queued, fixer(calls))
    run_stage(ctx, task("t-2", retries=1), "fix", queued, fixer(calls))
    assert len(calls) == 2


def test_permanent_errors_are_recorded_and_fail_the_run(ctx: Context, queued: Job) -> None:
    def broken(job: Job, ctx: Context) -> Job:
        raise PermanentError("repo does not build: setup exited 1")

    with pytest.raises(PermanentError):
        run_stage(ctx, task(), "fix", queued, broken)
    row = ledger.recent(ctx.store)[0]
    assert (row.outcome, row.outputs["error"]) == ("failed", "repo does not build: setup exited 1")
    assert work.rows(ctx.store)[0].state == "failed"


def test_transient_errors_are_recorded_and_left_to_retry(ctx: Context, queued: Job) -> None:
    def flaky(job: Job, ctx: Context) -> Job:
        raise TransientError("forge answered 502")

    with pytest.raises(TransientError):
        run_stage(ctx, task(), "fix", queued, flaky)
    assert outcomes(ctx) == ["started", "retry"]
    assert work.rows(ctx.store)[0].state == "queued"


def test_an_unexpected_exception_is_recorded_as_a_crash_and_fails_the_run(ctx: Context, queued: Job) -> None:
    def buggy(job: Job, ctx: Context) -> Job:
        raise OSError("AF_UNIX path too long")

    with pytest.raises(OSError, match="too long"):
        run_stage(ctx, task(), "investigate", queued, buggy)
    row = ledger.recent(ctx.store)[0]
    assert (row.outcome, row.outputs["error"]) == ("crashed", "OSError('AF_UNIX path too long')")
    assert work.rows(ctx.store)[0].state == "failed"


def test_a_transient_error_on_the_last_retry_fails_the_run(ctx: Context, queued: Job) -> None:
    def flaky(job: Job, ctx: Context) -> Job:
        raise TransientError("forge answered 502")

    with pytest.raises(TransientError):
        run_stage(ctx, task(retries=5, max_retries=5), "deliver", queued, flaky)
    row = ledger.recent(ctx.store)[0]
    assert (row.outcome, row.outputs["error"]) == ("failed", "retries exhausted: forge answered 502")
    assert work.rows(ctx.store)[0].state == "failed"
