"""PostgreSQL: a stage's outcome commit waits for its WAL flush, unless the database URL opts out."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from agentfleet.contracts import Heartbeat, Job
from agentfleet.core.context import Context
from agentfleet.store import Store, hops, ledger, work

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
