"""PostgreSQL: the commit that ends a run waits for its WAL flush, unless the database URL opts out; the
commits a run goes on from (started rows, the completions of stages before the last) do not."""

from __future__ import annotations

import json
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from sqlalchemy import text

from agentfleet.contracts import Heartbeat, Job
from agentfleet.core.context import Context
from agentfleet.store import Store, hops, ledger, work
from agentfleet.tasks.runner import run_stage

pytestmark = pytest.mark.parametrize("store_ctx", ["postgresql"], indirect=True)


def _synchronous_commit(store: Store) -> str:
    """The setting the stage runner's kept connection commits with."""
    with store.held.use() as conn:
        return str(conn.exec_driver_sql("SHOW synchronous_commit").scalar_one())


def _start(store: Store) -> bool:
    """Claim a heartbeat key and admit its fix stage (the started row appended with the read, unflushed)."""
    job = Job(item=Heartbeat(repo="svc", base_commit="a" * 40, fingerprint="flush"))
    _, run = work.claim(store, job, run_id="t", cooldown_s=0, stale_s=3600)
    started = ledger.row(stage="fix", key=job.key, outcome=ledger.Outcome.STARTED, actor="test")
    _, written = hops.read_starting(store, job.key, run, started, json.dumps({"heartbeat": []}))
    return written


@pytest.fixture
def opted_out(store_ctx: Context) -> Iterator[Store]:
    """The same database through a URL that turns the flush wait off for agentfleet's connections."""
    store = Store(f"{store_ctx.store.url}?options=-c%20synchronous_commit%3Doff")
    yield store
    store.dispose()


def test_the_outcome_commit_waits_for_its_flush_after_an_unflushed_start(store_ctx: Context) -> None:
    # When a stage's started row was appended without waiting for its flush
    assert _start(store_ctx.store)
    # Then that was local to its own statement: the connection the outcome commits on still waits
    assert _synchronous_commit(store_ctx.store) == "on"


def test_a_database_url_can_opt_out_of_the_flush_wait(opted_out: Store) -> None:
    # When the URL passes synchronous_commit=off (the documented opt-in, docs/performance.md)
    assert _start(opted_out)
    # Then the stage runner's connection and the ORM's commit without waiting for the flush
    assert _synchronous_commit(opted_out) == "off"
    with opted_out.session() as session:
        assert session.connection().exec_driver_sql("SHOW synchronous_commit").scalar_one() == "off"


WATCH_COMMITS = """
CREATE TABLE commit_settings (outcome text, stage text, waits text);
CREATE FUNCTION note_commit_setting() RETURNS trigger AS $$
BEGIN
  INSERT INTO commit_settings VALUES (NEW.outcome, NEW.stage, current_setting('synchronous_commit'));
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER note_commit_setting AFTER INSERT ON ledger FOR EACH ROW EXECUTE FUNCTION note_commit_setting();
"""


def test_only_the_commit_that_ends_the_run_waits_for_its_flush(store_ctx: Context) -> None:
    # Given the database notes the setting each ledger row's transaction commits with
    store = store_ctx.store
    with store.engine.begin() as conn:
        conn.execute(text(WATCH_COMMITS))
    job = Job(item=Heartbeat(repo="svc", base_commit="a" * 40, fingerprint="flushes"))
    _, run = work.claim(store, job, run_id="t", cooldown_s=0, stale_s=3600)

    def fix(job: Job, ctx: Context) -> Job:
        for attempt in ("fix:repair", "fix:agent"):  # rows noted on the way, written with the outcome
            ledger.note(ctx.store, stage=attempt, key=job.key, outcome=ledger.Outcome.NO_FIX, actor="test")
        return job

    # When a heartbeat's chain runs its three stages (a chained message: each sent by the stage before)
    for stage, fn in (("fix", fix), ("gate", lambda job, ctx: job), ("deliver", lambda job, ctx: job)):
        request = SimpleNamespace(id=f"t-{stage}", retries=0, hostname="w", delivery_info={}, parent_id="p")
        run_stage(store_ctx, SimpleNamespace(name=stage, request=request), stage, job.key, run, fn)
    # Then every commit but the deliver stage's completion returned before its flush
    with store.engine.connect() as conn:
        seen = [tuple(row) for row in conn.execute(text("SELECT outcome, stage, waits FROM commit_settings"))]
    assert [(stage, outcome) for outcome, stage, setting in seen if setting == "off"] == [
        ("fix", "started"),
        ("fix:repair", "no_fix"),
        ("fix:agent", "no_fix"),
        ("fix", "no_fix"),
        ("gate", "started"),
        ("gate", "rejected"),
        ("deliver", "started"),
    ]
    assert [(stage, outcome) for outcome, stage, setting in seen if setting == "on"] == [("deliver", "skipped")]
