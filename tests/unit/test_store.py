"""The store keeps an honest audit trail and counts deliveries the way budgets need."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from agentfleet.contracts import Delivery, DeliveryState
from agentfleet.core.context import Context
from agentfleet.store import deliveries, ledger


@pytest.fixture
def ctx(store_ctx: Context) -> Context:
    """Every test here runs on SQLite and on PostgreSQL."""
    return store_ctx


def test_the_ledger_refuses_to_be_rewritten_or_erased(ctx: Context) -> None:
    ledger.append(ctx.store, stage="gate", outcome="ok", repo="svc", key="k")
    for statement in ("UPDATE ledger SET outcome = 'rejected'", "DELETE FROM ledger"):
        with pytest.raises(DatabaseError, match="append-only"), ctx.store.session() as session:
            session.execute(text(statement))
    [row] = ledger.recent(ctx.store)
    assert row.outcome == "ok"


def test_a_delivery_keeps_when_its_pr_was_first_opened(ctx: Context) -> None:
    opened = Delivery(key="k", forge="local", repo="svc", state=DeliveryState.DRAFT, pr_number=1)
    deliveries.save(ctx.store, opened, kind="fix_error", verdict="draft_pr")
    first = deliveries.list_open(ctx.store)[0].opened_at
    deliveries.save(ctx.store, opened.model_copy(update={"state": DeliveryState.OPEN}), kind="fix_error", verdict="pr")
    [row] = deliveries.list_open(ctx.store)
    assert (row.state, row.opened_at) == ("open", first)
    assert deliveries.open_count(ctx.store, "svc") == 1
    merged = opened.model_copy(update={"state": DeliveryState.MERGED})
    deliveries.save(ctx.store, merged, kind="fix_error", verdict="pr")
    assert deliveries.open_count(ctx.store, "svc") == 0
    assert deliveries.opened_since(ctx.store, "svc", first) == 1, "a merged PR still counts against the hourly rate"
