"""The Celery application: JSON only, one routing table, long-task reliability settings (``config``)."""

from __future__ import annotations

from celery import Celery

from agentfleet.core.settings import get_settings
from agentfleet.tasks.config import TASK_ROUTES, celery_config

__all__ = ["TASK_MODULES", "TASK_ROUTES", "app"]

TASK_MODULES = [
    "agentfleet.tasks.monitor",
    "agentfleet.tasks.stages",
    "agentfleet.tasks.lifecycle",
]
"""Modules that define tasks (workers import them at start)."""

app = Celery("agentfleet", include=TASK_MODULES, task_cls="agentfleet.tasks.base:AgentfleetTask")
app.conf.update(celery_config(get_settings()))
