"""Every stage runs once per run of its key, records its verdict, and gives up on poison messages."""

from __future__ import annotations

import time
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import fakeredis
import pytest
from celery.exceptions import Ignore, Reject
from sqlalchemy import text

from agentfleet.contracts import (
    Check,
    Delivery,
    DeliveryState,
    GateDecision,
    Heartbeat,
    Job,
    NoFix,
    Patch,
    Verdict,
)
from agentfleet.core.context import Context
from agentfleet.core.errors import PermanentError, TransientError
from agentfleet.store import IDLE_PING_S, ledger, work
from agentfleet.tasks.runner import run_stage

SHA = "a" * 40
DIFF = "--- a/x.py\n+++ b/x.py\n@@ -1 +1 @@\n-a\n+b\n"


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


def task(task_id: str = "t-1", retries: int = 0, max_retries: int = 5, redelivered: bool = False) -> Any:
    delivery_info = {"redelivered": redelivered}
    request = SimpleNamespace(id=task_id, retries=retries, hostname="w1", delivery_info=delivery_info)
    return SimpleNamespace(name="agentfleet.fix", request=request, max_retries=max_retries)


def produce(calls: list[str] | None = None, **outputs: Any) -> Callable[[Job, Context], Job]:
    """A stage function that fills ``outputs`` in (and counts its calls)."""

    def fn(job: Job, ctx: Context) -> Job:
        if calls is not None:
            calls.append(job.key)
        return job.model_copy(update=outputs)

    return fn


def fixer(calls: list[str]) -> Callable[[Job, Context], Job]:
    return produce(calls, patch=Patch(base_commit=SHA, diff=DIFF, author="test"))


def outcomes(ctx: Context) -> list[str]:
    return [row.outcome for row in reversed(ledger.recent(ctx.store))]


def run(ctx: Context, job: Job, stage: str, fn: Callable[[Job, Context], Job], **task_args: Any) -> Any:
    return run_stage(ctx, task(**task_args), stage, job.key, job.run, fn)


def ready_for(ctx: Context, job: Job, stage: str) -> None:
    """Complete the heartbeat's stages before ``stage`` (fix → gate → deliver), doing nothing in them."""
    for earlier in ("fix", "gate", "deliver")[: ("fix", "gate", "deliver").index(stage)]:
        run(ctx, job, earlier, produce(), task_id=f"before-{earlier}")


def test_a_redelivered_completed_stage_returns_the_saved_verdict(ctx: Context, queued: Job) -> None:
    calls: list[str] = []
    first = run(ctx, queued, "fix", fixer(calls))
    again = run(ctx, queued, "fix", fixer(calls))
    assert calls == [queued.key]
    assert (first.outcome, first.duplicate) == ("patch", False)
    assert (again.outcome, again.duplicate) == ("patch", True)
    assert outcomes(ctx) == ["started", "patch", "duplicate"]
    # the task returns the verdict as one line (what Flower shows)
    assert str(first) == f"fix patch: {queued.key} run 1"
    assert str(again) == f"fix patch: {queued.key} run 1 (duplicate: nothing ran again)"


def test_a_started_row_names_the_repo_the_run_and_the_delivery(ctx: Context, queued: Job) -> None:
    # When fix runs on a first delivery (PostgreSQL appends its started row with the snapshot read) and
    # gate on a message the broker redelivered (read, then the row)
    run(ctx, queued, "fix", produce())
    run(ctx, queued, "gate", produce(decision=GateDecision(verdict=Verdict.PR)), redelivered=True)
    # Then both started rows say the same things
    started = [row for row in reversed(ledger.recent(ctx.store)) if row.outcome == "started"]
    assert [(row.stage, row.repo, row.key, row.actor, row.inputs) for row in started] == [
        ("fix", "svc", queued.key, "agentfleet.fix[t-1]@w1", {"run": 1, "delivery": 1}),
        ("gate", "svc", queued.key, "agentfleet.fix[t-1]@w1", {"run": 1, "delivery": 2}),
    ]


def test_each_stage_reads_what_the_previous_one_saved(ctx: Context, queued: Job) -> None:
    # Given a fix stage that produced a patch, when the gate stage gets only the key and run
    run(ctx, queued, "fix", fixer([]))
    seen: list[Job] = []

    def gate(job: Job, ctx: Context) -> Job:
        seen.append(job)
        return job.model_copy(update={"decision": GateDecision(verdict=Verdict.PR)})

    run(ctx, queued, "gate", gate)
    # Then it ran on the job as the fix stage left it, and the snapshot now holds both
    assert seen[0].patch is not None
    assert seen[0].stages == ("fix",)
    saved = work.load_job(ctx.store, queued.key)
    assert saved is not None
    assert saved.stages == ("fix", "gate")
    assert saved.decision is not None


REJECTED = GateDecision(verdict=Verdict.REJECT, checks=(Check(name="suite", passed=False),), reasons=("suite",))
VERDICTS = [
    ("fix", {"patch": Patch(base_commit=SHA, diff=DIFF, author="t")}, "patch"),
    ("fix", {"no_fix": NoFix(author="repair", reason="nothing plausible")}, "no_fix"),
    ("fix", {"patch": Patch(base_commit=SHA, diff="", author="t")}, "no_fix"),
    ("gate", {"decision": REJECTED}, "rejected"),
    ("gate", {"decision": GateDecision(verdict=Verdict.REPORT)}, "approved"),
    ("deliver", {"delivery": Delivery(key="k", forge="none", repo="svc", state=DeliveryState.REPORTED)}, "reported"),
    ("deliver", {"delivery": Delivery(key="k", forge="none", repo="svc", state=DeliveryState.SKIPPED)}, "skipped"),
    (
        "deliver",
        {
            "decision": GateDecision(verdict=Verdict.PR),
            "delivery": Delivery(key="k", forge="local", repo="svc", state=DeliveryState.OPEN, pr_number=1),
        },
        "opened",
    ),
    (
        "deliver",
        {
            "decision": REJECTED,
            "delivery": Delivery(key="k", forge="local", repo="svc", state=DeliveryState.OPEN, pr_number=1),
        },
        "kept",
    ),
    ("deliver", {"delivery": Delivery(key="k", forge="local", repo="svc", state=DeliveryState.MERGED)}, "merged"),
]


@pytest.mark.parametrize(("stage", "outputs", "verdict"), VERDICTS)
def test_the_ledger_and_the_task_result_carry_the_stage_verdict(
    ctx: Context, queued: Job, stage: str, outputs: dict[str, Any], verdict: str
) -> None:
    ready_for(ctx, queued, stage)
    result = run(ctx, queued, stage, produce(**outputs))
    row = ledger.recent(ctx.store, stage=stage, limit=1)[0]
    assert (row.outcome, result.outcome) == (verdict, verdict)
    assert verdict in ledger.COMPLETED


def test_rows_a_stage_notes_are_written_with_its_outcome_even_when_it_fails(ctx: Context, queued: Job) -> None:
    # Given a fix stage whose first fixer finds nothing and whose second one crashes
    def fix(job: Job, ctx: Context) -> Job:
        ledger.note(ctx.store, stage="fix:repair", outcome=ledger.Outcome.NO_FIX, key=job.key)
        assert outcomes(ctx) == ["started"], "noted rows wait for the stage's outcome"
        raise OSError("sandbox vanished")

    with pytest.raises(OSError, match="vanished"):
        run(ctx, queued, "fix", fix)
    # Then the attempt is recorded, before the crash that ended the stage
    assert outcomes(ctx) == ["started", "no_fix", "crashed"]


def test_the_last_stage_finishes_the_run(ctx: Context, queued: Job) -> None:
    ready_for(ctx, queued, "deliver")
    run(ctx, queued, "deliver", produce())
    assert work.rows(ctx.store)[0].state == "done"


def test_a_message_of_an_older_run_stops_its_chain(ctx: Context, queued: Job) -> None:
    # Given the key was claimed again (run 2) while run 1's chain was still queued
    work.finish(ctx.store, queued)
    work.claim(ctx.store, queued, run_id="r2", cooldown_s=0, stale_s=60)
    calls: list[str] = []
    # When run 1's stage arrives, it does nothing and the chain stops there
    with pytest.raises(Ignore):
        run(ctx, queued, "fix", fixer(calls))
    assert calls == []
    assert outcomes(ctx) == ["superseded"]


@pytest.mark.parametrize(
    ("stage", "why"),
    [("gate", "needs fix done first; done: nothing"), ("investigate", "investigate is not a stage of heartbeat work")],
)
def test_a_stage_out_of_its_kinds_order_fails_clearly_and_ends_the_run(
    ctx: Context, queued: Job, stage: str, why: str
) -> None:
    calls: list[str] = []
    with pytest.raises(PermanentError, match=why):
        run(ctx, queued, stage, produce(calls))
    assert calls == []
    assert outcomes(ctx) == ["failed"]
    assert work.rows(ctx.store)[0].state == "failed"


def test_a_key_the_store_does_not_know_fails_clearly(ctx: Context, queued: Job) -> None:
    stranger = Job(item=Heartbeat(repo="svc", base_commit=SHA, fingerprint="never-claimed"))
    with pytest.raises(PermanentError, match="no run 1 of this key in the store"):
        run(ctx, stranger, "fix", fixer([]))
    assert outcomes(ctx) == ["failed"]


def test_a_message_lost_too_often_is_given_up(ctx: Context, queued: Job) -> None:
    # Given a cap of 2 redeliveries, and a message whose first delivery and two redeliveries died with
    # their workers (each started, then nothing: the worker was gone)
    ctx.settings.celery.max_redeliveries = 2

    def dies(job: Job, ctx: Context) -> Job:
        raise SystemExit("the worker is gone")  # not an Exception: nothing recorded, as with SIGKILL

    for redelivered in (False, True, True):
        with pytest.raises(SystemExit):
            run(ctx, queued, "fix", dies, task_id="t-9", redelivered=redelivered)
    # When the broker hands it out a fourth time, the stage does not run, and the run has failed
    calls: list[str] = []
    with pytest.raises(Reject):
        run(ctx, queued, "fix", fixer(calls), task_id="t-9", redelivered=True)
    assert calls == []
    assert outcomes(ctx) == ["started", "started", "started", "gave-up"]
    assert work.rows(ctx.store)[0].state == "failed"


def test_retries_are_counted_separately_from_redeliveries(ctx: Context, queued: Job) -> None:
    # Given a cap of one redelivery, and a task's first try redelivered once
    ctx.settings.celery.max_redeliveries = 1

    def flaky(job: Job, ctx: Context) -> Job:
        raise TransientError("forge answered 502")

    with pytest.raises(TransientError):
        run(ctx, queued, "fix", flaky, task_id="t-2", retries=0, redelivered=True)
    # When its retry is redelivered once too, it still runs: each try has its own count
    calls: list[str] = []
    run(ctx, queued, "fix", fixer(calls), task_id="t-2", retries=1, redelivered=True)
    assert calls == [queued.key]


def test_permanent_errors_are_recorded_and_fail_the_run(ctx: Context, queued: Job) -> None:
    def broken(job: Job, ctx: Context) -> Job:
        raise PermanentError("repo does not build: setup exited 1")

    with pytest.raises(PermanentError):
        run(ctx, queued, "fix", broken)
    row = ledger.recent(ctx.store)[0]
    assert (row.outcome, row.outputs["error"]) == ("failed", "repo does not build: setup exited 1")
    assert work.rows(ctx.store)[0].state == "failed"


def test_transient_errors_are_recorded_and_left_to_retry(ctx: Context, queued: Job) -> None:
    def flaky(job: Job, ctx: Context) -> Job:
        raise TransientError("forge answered 502")

    with pytest.raises(TransientError):
        run(ctx, queued, "fix", flaky)
    assert outcomes(ctx) == ["started", "retry"]
    assert work.rows(ctx.store)[0].state == "queued"


def test_an_unexpected_exception_is_recorded_as_a_crash_and_fails_the_run(ctx: Context, queued: Job) -> None:
    def buggy(job: Job, ctx: Context) -> Job:
        raise OSError("AF_UNIX path too long")

    with pytest.raises(OSError, match="too long"):
        run(ctx, queued, "fix", buggy)
    row = ledger.recent(ctx.store)[0]
    assert (row.outcome, row.outputs["error"]) == ("crashed", "OSError('AF_UNIX path too long')")
    assert work.rows(ctx.store)[0].state == "failed"


def test_a_transient_error_on_the_last_retry_fails_the_run(ctx: Context, queued: Job) -> None:
    def flaky(job: Job, ctx: Context) -> Job:
        raise TransientError("forge answered 502")

    ready_for(ctx, queued, "deliver")
    with pytest.raises(TransientError):
        run(ctx, queued, "deliver", flaky, retries=5, max_retries=5)
    row = ledger.recent(ctx.store)[0]
    assert (row.outcome, row.outputs["error"]) == ("failed", "retries exhausted: forge answered 502")
    assert work.rows(ctx.store)[0].state == "failed"


def test_a_stage_runs_after_the_database_server_dropped_its_connections(ctx: Context, queued: Job) -> None:
    # Given pooled connections the server has since closed (a restart, a failover, an idle timeout)
    run(ctx, queued, "fix", fixer([]))
    if ctx.store.engine.dialect.name == "postgresql":
        with ctx.store.engine.connect() as admin:
            admin.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"))
            admin.commit()
    time.sleep(IDLE_PING_S + 0.1)  # they sat idle in the pool: they are checked before use
    # When the next stage runs, it reconnects instead of failing
    result = run(ctx, queued, "gate", produce(decision=GateDecision(verdict=Verdict.PR)))
    assert result.outcome == "approved"
