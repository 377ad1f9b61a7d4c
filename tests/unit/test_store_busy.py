"""A store held busy by another connection is a transient error: the stage is retried, and its rows are
written once the lock clears (SQLite past its busy timeout; PostgreSQL past its lock timeout)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import fakeredis
import pytest
from support import BOTH_STORES, database_for

from agentfleet.contracts import Heartbeat, Job
from agentfleet.core.context import Context
from agentfleet.core.errors import TransientError
from agentfleet.core.settings import Settings
from agentfleet.store import ledger, work
from agentfleet.tasks.runner import run_stage

SHA = "a" * 40
Holder = Callable[[], AbstractContextManager[None]]


@pytest.fixture(params=BOTH_STORES)
def database_url(request: pytest.FixtureRequest) -> str | None:
    """SQLite in the data dir, or a fresh PostgreSQL database."""
    return database_for(request)


@pytest.fixture
def busy(database_url: str | None, tmp_path: Path) -> Iterator[tuple[Context, Holder]]:
    """A context whose store waits 0.2 s for a lock, and ``hold()``: another connection holding the
    ledger's write lock for the duration of a ``with`` block."""
    if database_url is None:
        url = f"sqlite:///{tmp_path / 'busy.db'}?timeout=0.2"
    else:
        url = f"{database_url}?options=-c%20lock_timeout%3D200"
    ctx = Context.from_settings(Settings(data_dir=tmp_path, fleet_file=tmp_path / "fleet.toml", database_url=url))
    ctx.__dict__["redis"] = fakeredis.FakeRedis()

    @contextmanager
    def hold() -> Iterator[None]:
        with ctx.store.engine.connect() as other:
            if other.dialect.name == "sqlite":
                other.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                other.exec_driver_sql("BEGIN; LOCK TABLE ledger IN EXCLUSIVE MODE")
            yield
            other.rollback()

    yield ctx, hold
    ctx.store.dispose()


def test_a_busy_store_is_a_transient_error_naming_what_to_do(busy: tuple[Context, Holder]) -> None:
    ctx, hold = busy
    with hold(), pytest.raises(TransientError, match="the store is busy"):
        ledger.append(ctx.store, stage="fix", outcome="ok")
    assert ledger.append(ctx.store, stage="fix", outcome="ok") > 0


def test_a_stage_that_meets_a_busy_store_is_retried_and_recorded_once_it_clears(
    busy: tuple[Context, Holder],
) -> None:
    # Given a claimed job whose stage meets a store another process keeps locked
    ctx, hold = busy
    job = Job(item=Heartbeat(repo="svc", base_commit=SHA, fingerprint="hb:1"))
    work.claim(ctx.store, job, run_id="r", cooldown_s=0, stale_s=60)

    def stage(job: Job, ctx: Context) -> Job:
        with hold():
            ledger.append(ctx.store, stage="deliver", outcome="progress")
        return job

    def nothing(job: Job, ctx: Context) -> Job:
        return job

    def task(retries: int) -> Any:
        request = SimpleNamespace(id="t-1", retries=retries, hostname="w1", delivery_info={})
        return SimpleNamespace(name="agentfleet.deliver", request=request, max_retries=5)

    for earlier in ("fix", "gate"):  # the heartbeat's stages before delivery, done
        run_stage(ctx, task(0), earlier, job.key, job.run, nothing)
    # When it runs, Then it fails as transient (Celery retries it), not as a crash that leaves the work queued
    with pytest.raises(TransientError):
        run_stage(ctx, task(0), "deliver", job.key, job.run, stage)
    # When Celery's retry runs after the lock cleared, Then the stage's rows are written and the run is done
    run_stage(ctx, task(1), "deliver", job.key, job.run, nothing)
    outcomes = [row.outcome for row in reversed(ledger.recent(ctx.store))]
    assert outcomes[-2:] == ["started", "skipped"]
    assert "crashed" not in outcomes
    assert work.rows(ctx.store)[0].state == "done"


def _open_store(url: str) -> None:
    from agentfleet.store import Store

    Store(url).dispose()


def test_processes_opening_a_new_store_together_all_succeed(database_url: str | None, tmp_path: Path) -> None:
    # Given a store nobody created yet, and workers starting at the same moment (each creates the tables)
    import multiprocessing

    url = database_url or f"sqlite:///{tmp_path / 'fresh.db'}"
    processes = [multiprocessing.get_context("spawn").Process(target=_open_store, args=(url,)) for _ in range(6)]
    # When they all open it
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
    # Then none lost the race to create a table
    assert [p.exitcode for p in processes] == [0] * 6
