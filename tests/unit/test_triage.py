"""Triage turns findings into work once per key: repeats are counted, budgets hold, nothing is lost."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from support import make_repo

from agentfleet.contracts import ErrorEvidence, Finding, FindingKind, HeartbeatEvidence, Job, utcnow
from agentfleet.core.context import Context
from agentfleet.flow.triage.stage import triage
from agentfleet.store import findings, ledger, work

FLEET = """
[[repos]]
name = "svc"
location = "svc"
trust = {{ fix_error = {phase} }}
budgets = {{ max_work_per_hour = {per_hour}, max_open_prs = 0, cooldown_s = 3600 }}
"""


@pytest.fixture
def ctx(store_ctx: Context) -> Context:
    """Every test here runs on SQLite and on PostgreSQL."""
    return store_ctx


@pytest.fixture
def fleet_ctx(ctx: Context, tmp_path: Path, write_fleet: Callable[[str], Path]) -> Callable[..., Context]:
    head = make_repo(tmp_path / "svc", {"app.py": "print('hi')\n"})

    def configure(phase: int = 1, per_hour: int = 10) -> Context:
        write_fleet(FLEET.format(phase=phase, per_hour=per_hour))
        ctx.head = head  # type: ignore[attr-defined]
        return ctx

    return configure


def error(fp: str, count: int = 1) -> Finding:
    return Finding(
        kind=FindingKind.ERROR,
        repo="svc",
        fingerprint=fp,
        title=f"boom {fp}",
        count=count,
        evidence=ErrorEvidence(exception_type="KeyError"),
    )


def test_a_new_finding_becomes_work_at_the_default_branch_head(fleet_ctx: Callable[..., Context]) -> None:
    ctx = fleet_ctx()
    result = triage(ctx, ctx.repo("svc"), [error("a")], run_id="run-1")
    [job] = result.jobs
    assert job.item.kind == "fix_error"
    assert job.item.base_commit == ctx.head
    assert job.run == 1
    assert [r.outcome for r in ledger.recent(ctx.store, stage="triage")] == ["queued"]


def test_repeats_while_in_flight_are_counted_not_queued(fleet_ctx: Callable[..., Context]) -> None:
    ctx = fleet_ctx()
    repo = ctx.repo("svc")
    assert len(triage(ctx, repo, [error("a", count=3)], run_id="run-1").jobs) == 1
    second = triage(ctx, repo, [error("a", count=2), error("b")], run_id="run-2")
    assert [j.item.fingerprint for j in second.jobs] == ["b"]
    assert second.counted == ["a"]
    assert findings.get(ctx.store, "svc", "a").count == 5  # type: ignore[union-attr]


def test_a_redelivered_monitor_run_neither_double_counts_nor_loses_its_work(fleet_ctx: Callable[..., Context]) -> None:
    ctx = fleet_ctx()
    repo = ctx.repo("svc")
    first = triage(ctx, repo, [error("a", count=4)], run_id="run-1")
    again = triage(ctx, repo, [error("a", count=4)], run_id="run-1")
    assert findings.get(ctx.store, "svc", "a").count == 4  # type: ignore[union-attr]
    assert [j.key for j in again.jobs] == [j.key for j in first.jobs], "the same run may relaunch what it claimed"
    assert triage(ctx, repo, [error("a")], run_id="run-2").jobs == []


def test_work_recurs_only_after_the_cooldown(fleet_ctx: Callable[..., Context]) -> None:
    ctx = fleet_ctx()
    repo = ctx.repo("svc")
    [job] = triage(ctx, repo, [error("a")], run_id="run-1").jobs
    work.finish(ctx.store, job)
    assert triage(ctx, repo, [error("a")], run_id="run-2").counted == ["a"]
    later = utcnow() + timedelta(seconds=3601)
    claim, run = work.claim(ctx.store, Job(item=job.item), run_id="run-3", cooldown_s=3600, stale_s=10**6, now=later)
    assert (claim, run) == (work.Claim.NEW, 2)


def test_a_lost_chain_is_reclaimed_after_the_pipeline_deadline(fleet_ctx: Callable[..., Context]) -> None:
    ctx = fleet_ctx()
    [job] = triage(ctx, ctx.repo("svc"), [error("a")], run_id="run-1").jobs
    soon = utcnow() + timedelta(seconds=60)
    assert work.claim(ctx.store, Job(item=job.item), run_id="r2", cooldown_s=0, stale_s=600, now=soon)[0] is (
        work.Claim.IN_FLIGHT
    )
    late = utcnow() + timedelta(seconds=601)
    assert work.claim(ctx.store, Job(item=job.item), run_id="r3", cooldown_s=0, stale_s=600, now=late) == (
        work.Claim.NEW,
        2,
    )


def test_the_hourly_work_budget_holds_and_releases(fleet_ctx: Callable[..., Context]) -> None:
    ctx = fleet_ctx(per_hour=1)
    repo = ctx.repo("svc")
    result = triage(ctx, repo, [error("a"), error("b")], run_id="run-1")
    assert len(result.jobs) == 1
    [(held_fp, why)] = result.held
    assert "max_work_per_hour=1" in why
    # The held finding is not lost: once the budget frees up, the next run claims it.
    work.finish(ctx.store, result.jobs[0])
    ctx = fleet_ctx(per_hour=5)
    assert [j.item.fingerprint for j in triage(ctx, ctx.repo("svc"), [error(held_fp)], run_id="run-2").jobs] == [
        held_fp
    ]


def test_open_pr_budget_holds_pr_work_but_not_reports(fleet_ctx: Callable[..., Context]) -> None:
    report_ctx = fleet_ctx(phase=1)
    assert len(triage(report_ctx, report_ctx.repo("svc"), [error("a")], run_id="r1").jobs) == 1
    pr_ctx = fleet_ctx(phase=2)
    result = triage(pr_ctx, pr_ctx.repo("svc"), [error("b")], run_id="r2")
    assert result.jobs == []
    assert "max_open_prs=0" in result.held[0][1]


def test_the_heartbeat_canary_is_never_metered(fleet_ctx: Callable[..., Context]) -> None:
    ctx = fleet_ctx(per_hour=0)
    beats = [
        Finding(
            kind=FindingKind.HEARTBEAT,
            repo="svc",
            fingerprint=f"heartbeat:{i}",
            title="hb",
            evidence=HeartbeatEvidence(tick=str(i)),
        )
        for i in range(3)
    ]
    assert len(triage(ctx, ctx.repo("svc"), beats, run_id="r1").jobs) == 3


def test_concurrent_monitors_claim_a_key_exactly_once(fleet_ctx: Callable[..., Context]) -> None:
    ctx = fleet_ctx()
    repo = ctx.repo("svc")
    started: list[int] = []
    barrier = threading.Barrier(4)

    def monitor(i: int) -> None:
        barrier.wait()
        started.append(len(triage(ctx, repo, [error("same")], run_id=f"run-{i}").jobs))

    threads = [threading.Thread(target=monitor, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(started) == [0, 0, 0, 1]
    assert findings.get(ctx.store, "svc", "same").count == 4  # type: ignore[union-attr]


def test_held_work_resumes_on_a_later_run_without_being_reported_again(fleet_ctx: Callable[..., Context]) -> None:
    # Given a one-off crash a budget held back (it will never be reported again)
    ctx = fleet_ctx(per_hour=1)
    first = triage(ctx, ctx.repo("svc"), [error("busy"), error("one-off")], run_id="run-1")
    [(held_fp, _)] = first.held
    work.finish(ctx.store, first.jobs[0])
    # When a later run of any monitor on the repo finds nothing new, but the budget has room again
    ctx = fleet_ctx(per_hour=5)
    later = triage(ctx, ctx.repo("svc"), [], run_id="run-2")
    # Then the held work starts, recorded as resumed
    assert [j.item.fingerprint for j in later.jobs] == [held_fp]
    assert [r.outcome for r in ledger.recent(ctx.store, key=later.jobs[0].key)][0] == "resumed"


def test_a_still_held_key_is_asked_again_quietly(fleet_ctx: Callable[..., Context]) -> None:
    ctx = fleet_ctx(per_hour=0)
    triage(ctx, ctx.repo("svc"), [error("a")], run_id="run-1")
    again = triage(ctx, ctx.repo("svc"), [], run_id="run-2")
    assert again.jobs == []
    assert len(again.held) == 1
    assert [r.outcome for r in ledger.recent(ctx.store, stage="triage")] == ["held"], "one ledger row, not one per run"


def test_a_lost_chain_resumes_after_the_pipeline_deadline(fleet_ctx: Callable[..., Context]) -> None:
    ctx = fleet_ctx()
    [job] = triage(ctx, ctx.repo("svc"), [error("lost")], run_id="run-1").jobs
    # its messages vanished: the row stays queued, and is not resumable while it may still be running
    assert work.resumable(ctx.store, "svc", stale_s=600) == []
    stale = utcnow() + timedelta(seconds=700)
    assert [j.key for j in work.resumable(ctx.store, "svc", stale_s=600, now=stale)] == [job.key]
