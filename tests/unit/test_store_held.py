"""The stage runner's kept connection: one per process between back-to-back uses, each use its own transaction."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import Connection, bindparam, insert, text
from sqlalchemy.exc import IntegrityError

from agentfleet.core.context import Context
from agentfleet.store import hops, ledger
from agentfleet.store.models import LedgerRow
from agentfleet.store.prepared import Prepared


@pytest.fixture
def ctx(store_ctx: Context) -> Context:
    """Every test here runs on SQLite and on PostgreSQL."""
    return store_ctx


def _append(conn: Connection, stage: str) -> None:
    conn.exec_driver_sql(
        "INSERT INTO ledger (at, stage, outcome, actor, inputs, outputs, cost_usd) "
        f"VALUES (CURRENT_TIMESTAMP, '{stage}', 'started', 'test', '{{}}', '{{}}', 0)"
    )


def test_back_to_back_uses_share_one_connection_and_each_commits(ctx: Context) -> None:
    # When two uses follow each other
    with ctx.store.held.use() as conn:
        _append(conn, "first")
        first = conn.connection.dbapi_connection
    with ctx.store.held.use() as conn:
        second = conn.connection.dbapi_connection
    # Then they ran on one connection, and what the first wrote is committed (another connection sees it)
    assert first is second
    assert [row.stage for row in ledger.recent(ctx.store)] == ["first"]


def test_a_use_that_raises_rolls_back_and_the_next_use_works(ctx: Context) -> None:
    # When a use fails after its first statement
    def crash() -> None:
        with ctx.store.held.use() as conn:
            _append(conn, "lost")
            raise RuntimeError("stage crashed")

    with pytest.raises(RuntimeError, match="stage crashed"):
        crash()
    # Then SQLite rolled the use's transaction back (PostgreSQL's kept connection is in autocommit: each
    # statement, a hop's whole write, is its own transaction), and the next use has a working connection
    with ctx.store.held.use() as conn:
        _append(conn, "kept")
    rolled_back = ctx.store.engine.dialect.name == "sqlite"
    assert [row.stage for row in ledger.recent(ctx.store)] == ["kept"] if rolled_back else ["kept", "lost"]


def test_a_forked_child_never_uses_the_connection_its_parent_kept(ctx: Context) -> None:
    # Given a parent whose stage runner keeps a connection
    assert hops.read(ctx.store, "k") is None
    with ctx.store.held.use() as conn:
        kept = conn.connection.dbapi_connection
    pid = os.fork()
    if pid == 0:  # the child, as a Celery pool process: worker_process_init drops what it inherited
        code = 1
        try:
            ctx.store.forget_connections()
            with ctx.store.held.use() as conn:
                _append(conn, "child")
                code = 0 if conn.connection.dbapi_connection is not kept else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    # Then the child wrote on a connection of its own, and the parent's still works
    assert os.waitstatus_to_exitcode(status) == 0
    with ctx.store.held.use() as conn:
        assert conn.connection.dbapi_connection is kept
        assert conn.execute(text("SELECT count(*) FROM ledger WHERE stage = 'child'")).scalar_one() == 1


def test_a_driver_error_on_a_hop_statement_is_raised_as_sqlalchemy_raises_it(ctx: Context) -> None:
    # Given a hop statement the database refuses (a ledger row without its stage)
    values = {**ledger.row(stage="fix", outcome="started"), "stage": None}
    refused = Prepared.of(insert(LedgerRow).values({c: bindparam(c) for c in values}), ctx.store.engine.dialect)

    def run() -> None:
        with ctx.store.held.use() as conn:
            refused.run(conn, values)

    # When it runs on the kept connection's cursor
    # Then the error is SQLAlchemy's (naming the statement), not the driver's, and the next use works
    with pytest.raises(IntegrityError, match="INSERT INTO ledger"):
        run()
    with ctx.store.held.use() as conn:
        _append(conn, "after")
    assert [row.stage for row in ledger.recent(ctx.store)] == ["after"]
