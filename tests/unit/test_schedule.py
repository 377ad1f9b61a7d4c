"""Beat's schedule is built from the fleet file: one entry per repo × enabled monitor."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from celery.schedules import crontab

from agentfleet.core.fleet import load_fleet
from agentfleet.tasks.schedule import DEFAULT_SCHEDULES, build_schedule


def test_entries_carry_task_args_queue_and_expiry(write_fleet: Callable[[str], Path]) -> None:
    fleet = load_fleet(
        write_fleet("""
[[repos]]
name = "checkout"
location = "."
monitors."agentfleet.flow.monitors.heartbeat.HeartbeatMonitor" = { cron = "*/2 * * * *", expires = 90 }
monitors.heartbeat = {}

[[repos]]
name = "payments"
location = "."
monitors.heartbeat = { every = 30 }

[[repos]]
name = "billing"
location = "."
monitors.heartbeat = { every = 10, enabled = false }
""")
    )
    entries = build_schedule(fleet)
    custom = "checkout:agentfleet.flow.monitors.heartbeat.HeartbeatMonitor"
    assert set(entries) == {custom, "checkout:heartbeat", "payments:heartbeat"}
    entry = entries[custom]
    assert entry["task"] == "agentfleet.monitor"
    assert entry["args"] == ("checkout", "agentfleet.flow.monitors.heartbeat.HeartbeatMonitor")
    assert entry["schedule"] == crontab(minute="*/2")
    assert entry["options"] == {"queue": "monitors", "expires": 90}
    minute = DEFAULT_SCHEDULES["heartbeat"].split()[0]
    assert entries["checkout:heartbeat"]["schedule"] == crontab(minute=minute), "default audit schedule"
    interval = entries["payments:heartbeat"]
    assert interval["schedule"] == timedelta(seconds=30)
    assert interval["options"]["expires"] == 30, "an interval tick expires when the next one is due"


def test_no_repos_no_entries(write_fleet: Callable[[str], Path]) -> None:
    assert build_schedule(load_fleet(write_fleet(""))) == {}
