"""Beat drives the pipeline on schedule, and exactly one beat is active however many run."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from support import Proc, SvcFleet, agentfleet_cmd, wait_for, wait_for_delivery

from agentfleet.store import Store, ledger

pytestmark = [pytest.mark.redis, pytest.mark.slow]

HEARTBEAT = "monitors.heartbeat = {{ every = {every} }}"
FAST_LOCK = {"AGENTFLEET_CELERY__BEAT_LOCK_TIMEOUT_S": "3"}


def monitor_runs(store: Store) -> list[float]:
    """Start times (epoch seconds) of monitor runs, oldest first."""
    rows = ledger.recent(store, stage="monitor", limit=1000)
    return sorted(row.at.timestamp() for row in rows)


def test_a_beat_tick_runs_the_monitor_and_every_stage(
    svc_fleet: Callable[..., SvcFleet], start_worker: Callable[..., Proc], spawn: Callable[..., Proc]
) -> None:
    # Given a fleet whose heartbeat runs every second, a worker and a beat
    store = svc_fleet(HEARTBEAT.format(every=1)).store
    start_worker()
    spawn(agentfleet_cmd("beat"), "beat", FAST_LOCK)
    # When a tick has travelled the whole chain
    row = wait_for_delivery(store, "a delivery")
    # Then the ledger shows monitor → triage → fix → gate → deliver for that key
    hops = [(r.stage, r.outcome) for r in reversed(ledger.recent(store, key=row.key, limit=50))]
    assert [h for h in hops if h[1] != "started"] == [
        ("triage", "queued"),
        ("fix:passthrough", "no_fix"),
        ("fix", "no_fix"),
        ("gate", "approved"),
        ("deliver", "reported"),
    ]
    monitor = ledger.recent(store, stage="monitor", limit=1)[0]
    assert monitor.outputs["findings"] == 1


def test_two_beats_run_each_scheduled_tick_once_and_a_standby_takes_over(
    svc_fleet: Callable[..., SvcFleet], start_worker: Callable[..., Proc], spawn: Callable[..., Proc]
) -> None:
    # Given a 2-second heartbeat, a worker, and two beat processes (the second a standby)
    store = svc_fleet(HEARTBEAT.format(every=2)).store
    start_worker()
    first = spawn(agentfleet_cmd("beat"), "beat-a", FAST_LOCK)
    wait_for(lambda: monitor_runs(store), 30, "the first beat's first tick")
    spawn(agentfleet_cmd("beat"), "beat-b", FAST_LOCK)
    # When both run for a while
    time.sleep(10)
    both = monitor_runs(store)
    # Then no tick ran twice: consecutive runs stay about an interval apart
    gaps = [b - a for a, b in zip(both, both[1:], strict=False)]
    assert len(both) >= 4
    assert min(gaps) > 1.0, f"two monitor runs {min(gaps):.3f}s apart: both beats fired"
    # When the active beat dies without releasing its lock
    first.kill()
    killed_at = time.time()
    # Then the standby takes over after the lock times out and ticks continue
    wait_for(lambda: [t for t in monitor_runs(store) if t > killed_at + 1], 30, "the standby beat to take over")
