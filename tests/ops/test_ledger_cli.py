"""``agentfleet ledger``: filtered by outcome (by its start too), by time, and quiet about routine rows."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from agentfleet.contracts import utcnow
from agentfleet.core.context import Context
from agentfleet.store.views import LedgerQuery, parse_since, rows
from ops.kit import append_at, cli_env, run_cli

HEARTBEAT_KEY = "svc:heartbeat:heartbeat:svc"
KEY = "svc:upgrade_dependency:advisory:requirements.txt:urllib3"


def _a_day_of_the_fleet(ctx: Context) -> None:
    """A canary run, monitors that found nothing and one that found something, and a rejected upgrade;
    plus a rejection two days ago."""
    append_at(ctx, utcnow() - timedelta(days=2), stage="gate", outcome="rejected", repo="svc", key=KEY)
    append_at(ctx, stage="monitor", outcome="ok", repo="svc", inputs={"monitor": "heartbeat"}, outputs={"findings": 1})
    for stage, outcome in (("triage", "queued"), ("fix", "no_fix"), ("gate", "approved"), ("deliver", "reported")):
        append_at(ctx, stage=stage, outcome=outcome, repo="svc", key=HEARTBEAT_KEY)
    append_at(ctx, stage="monitor", outcome="ok", repo="svc", inputs={"monitor": "errors"}, outputs={"findings": 0})
    append_at(ctx, stage="monitor", outcome="ok", repo="svc", inputs={"monitor": "advisories"}, outputs={"findings": 1})
    append_at(ctx, stage="triage", outcome="queued", repo="svc", key=KEY)
    append_at(ctx, stage="fix", outcome="patch", repo="svc", key=KEY)
    append_at(ctx, stage="gate", outcome="rejected", repo="svc", key=KEY, outputs={"reasons": ["suite red"]})
    append_at(ctx, stage="deliver", outcome="reported", repo="svc", key=KEY)


@pytest.mark.parametrize("store_ctx", ["sqlite", "postgresql"], indirect=True)
def test_routine_rows_are_hidden_unless_asked_and_outcomes_match_by_their_start(store_ctx: Context) -> None:
    # Given a day of heartbeats, idle monitor runs and one rejected upgrade
    _a_day_of_the_fleet(store_ctx)
    # When an operator reads the ledger
    shown = [(r.stage, r.outcome) for r in rows(store_ctx.store, LedgerQuery())]
    everything = rows(store_ctx.store, LedgerQuery(routine=True, limit=100))
    # Then the canary and the monitor run that found nothing are left out, the rest is there newest first
    assert shown == [
        ("deliver", "reported"),
        ("gate", "rejected"),
        ("fix", "patch"),
        ("triage", "queued"),
        ("monitor", "ok"),
        ("gate", "rejected"),
    ]
    assert len(everything) == 12
    # And "reject" finds the rejections, --since leaves out the one from two days ago
    rejected = rows(store_ctx.store, LedgerQuery(outcomes=("reject",)))
    assert [r.outcome for r in rejected] == ["rejected", "rejected"]
    recent = rows(store_ctx.store, LedgerQuery(outcomes=("reject",), since=parse_since("24h")))
    assert [r.key for r in recent] == [KEY]


def test_the_ledger_command_filters_and_says_what_it_hides(ctx: Context) -> None:
    _a_day_of_the_fleet(ctx)
    env = cli_env(ctx)
    # --outcome reject --since 24h: the one rejection of today, as JSON with its outputs
    found = run_cli(env, "ledger", "--outcome", "reject", "--since", "24h", "--json")
    assert [json.loads(line)["outputs"] for line in found.output.splitlines()] == [{"reasons": ["suite red"]}]
    # --all brings the canary back; the default view leaves it out
    assert HEARTBEAT_KEY not in run_cli(env, "ledger").output
    assert HEARTBEAT_KEY in run_cli(env, "ledger", "--all").output
    # several outcomes at once, and a clear message when nothing matches
    both = run_cli(env, "ledger", "--outcome", "patch", "--outcome", "reported").output.splitlines()
    assert [line.split()[4] for line in both] == ["reported", "patch"]
    none = run_cli(env, "ledger", "--outcome", "merged")
    assert none.exit_code == 0
    assert "no ledger rows match (heartbeat and idle monitor rows are hidden: --all shows them)" in none.output


def test_since_takes_durations_and_dates_and_explains_anything_else(ctx: Context) -> None:
    now = utcnow()
    assert now - parse_since("90m", now) == timedelta(minutes=90)
    assert parse_since("2025-01-31T08:00").isoformat() == "2025-01-31T08:00:00+00:00"
    bad = run_cli(cli_env(ctx), "ledger", "--since", "yesterday")
    assert bad.exit_code == 2
    assert "'yesterday' is neither a duration (30m, 24h, 7d) nor an ISO date/time" in bad.output
