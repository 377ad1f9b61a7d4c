"""The Celery application: JSON only, one routing table, long-task reliability settings (``config``)."""

from __future__ import annotations

import logging

from celery import Celery
from kombu.exceptions import OperationalError

from agentfleet.core.settings import get_settings
from agentfleet.tasks.config import TASK_ROUTES, celery_config

__all__ = ["TASK_MODULES", "TASK_ROUTES", "app", "switch_events"]

log = logging.getLogger(__name__)

TASK_MODULES = [
    "agentfleet.tasks.monitor",
    "agentfleet.tasks.stages",
    "agentfleet.tasks.lifecycle",
    "agentfleet.tasks.telemetry",
]
"""Modules that define tasks (workers import them at start)."""

app = Celery("agentfleet", include=TASK_MODULES, task_cls="agentfleet.tasks.base:AgentfleetTask")
app.conf.update(celery_config(get_settings()))


def switch_events(*, on: bool) -> int:
    """Turn task events on (or off) in every running worker (remote control); how many workers answered."""
    control = app.control.enable_events if on else app.control.disable_events
    try:
        return len(control(reply=True, timeout=1.0) or [])
    except OperationalError as exc:  # broker unreachable: the caller goes on (Flower retries on its own)
        log.warning("could not turn task events %s: %s", "on" if on else "off", exc)
        return 0
