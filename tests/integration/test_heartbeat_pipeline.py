"""A heartbeat travels monitor → triage → fix → gate → deliver through a real worker and Redis."""

from __future__ import annotations

from collections.abc import Callable

from support import Proc, SvcFleet, agentfleet_cmd, wait_for

from agentfleet.store import ledger


def test_audit_runs_the_whole_chain_on_a_real_worker(
    svc_fleet: Callable[..., SvcFleet], start_worker: Callable[..., Proc], spawn: Callable[..., Proc]
) -> None:
    # Given a fleet with one repo and a running worker
    store = svc_fleet("monitors.heartbeat = {}").store
    start_worker()
    # When the heartbeat monitor is run now
    audit = spawn(agentfleet_cmd("audit", "svc", "heartbeat"), "audit")
    audit.popen.wait(60)
    assert audit.popen.returncode == 0, audit.output()
    # Then the ledger shows every hop, each completed once, with its verdict: the passthrough fixer
    # changes nothing (its attempt row and the stage say so), the canary gate passes, delivery reports

    def delivered() -> list[tuple[str, str]]:
        return [(row.stage, row.outcome) for row in reversed(ledger.recent(store, limit=100))]

    rows = wait_for(lambda: (s := delivered()) and ("deliver", "reported") in s and s, 60, "the heartbeat delivered")
    assert [r for r in rows if r[1] != "started"] == [
        ("triage", "queued"),
        ("monitor", "ok"),
        ("fix:passthrough", "no_fix"),
        ("fix", "no_fix"),
        ("gate", "approved"),
        ("deliver", "reported"),
    ]
