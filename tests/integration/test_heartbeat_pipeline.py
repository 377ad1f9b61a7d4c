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
    # Then the ledger shows every hop, each completed once

    def delivered() -> list[str]:
        return [row.stage for row in ledger.recent(store, limit=100) if row.outcome in {"ok", "queued"}]

    stages = wait_for(lambda: (s := delivered()) and "deliver" in s and s, 60, "the heartbeat to be delivered")
    assert sorted(stages) == sorted(["monitor", "triage", "fix", "gate", "deliver"])
