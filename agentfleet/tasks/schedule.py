"""Beat's schedule, built from the fleet file: one entry per repo × monitor, crontab or interval."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from celery.schedules import crontab

from agentfleet.core.cron import check_cron
from agentfleet.tasks.queues import Queue

if TYPE_CHECKING:
    from agentfleet.core.fleet import FleetConfig, MonitorSchedule

__all__ = ["DEFAULT_SCHEDULES", "build_schedule", "parse_cron"]

MONITOR_TASK = "agentfleet.monitor"

DEFAULT_SCHEDULES: dict[str, str] = {
    "heartbeat": "*/5 * * * *",
    "errors": "* * * * *",
    "advisories": "17 3 * * *",
    "docs": "41 4 * * *",
    "coverage": "41 2 * * *",
    "quality": "23 5 * * 1",
}
"""Cron used for a monitor the fleet file enables without a schedule (the default audits)."""


def parse_cron(expr: str) -> crontab:
    """A ``crontab`` from a five-field cron expression; ``ValueError`` names the bad field."""
    minute, hour, day_of_month, month, day_of_week = check_cron(expr)
    return crontab(minute, hour, day_of_week, day_of_month, month)


def _schedule_of(name: str, sched: MonitorSchedule) -> tuple[Any, float]:
    """The beat schedule object and its ``expires`` (seconds) for one monitor entry."""
    if sched.every is not None:
        every = timedelta(seconds=sched.every)
        return every, sched.expires or sched.every
    cron = parse_cron(sched.cron or DEFAULT_SCHEDULES.get(name, "*/15 * * * *"))
    return cron, sched.expires or 300.0


def build_schedule(fleet: FleetConfig) -> dict[str, dict[str, Any]]:
    """Celery ``beat_schedule`` entries: ``<repo>:<monitor>`` → run that monitor on the monitors queue.

    ``expires`` drops a tick nobody picked up in time, so a backlog never piles up.
    """
    entries: dict[str, dict[str, Any]] = {}
    for repo in fleet.repos:
        for name, sched in repo.monitors.items():
            if not sched.enabled:
                continue
            schedule, expires = _schedule_of(name, sched)
            entries[f"{repo.name}:{name}"] = {
                "task": MONITOR_TASK,
                "schedule": schedule,
                "args": (repo.name, name),
                "options": {"queue": Queue.MONITORS.value, "expires": expires},
            }
    return entries
