"""Celery's configuration, derived from settings and the stage table. No Celery import here (kombu only),
so a benchmark's baseline app can be configured exactly as agentfleet ships."""

from __future__ import annotations

from typing import Any

from kombu import Queue as KombuQueue

from agentfleet.core.errors import TransientError
from agentfleet.core.settings import Settings
from agentfleet.tasks.broker import broker_url
from agentfleet.tasks.queues import Queue
from agentfleet.tasks.table import limits_of, task_routes

__all__ = ["STAGE_TASK_OPTIONS", "TASK_ROUTES", "celery_config"]

TASK_ROUTES: dict[str, Queue] = task_routes()
"""Every task and the queue it runs on, from the stage table."""

STAGE_TASK_OPTIONS: dict[str, Any] = {
    "bind": True,
    "ignore_result": True,
    "autoretry_for": (TransientError,),
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "max_retries": 5,
}
"""Options of every stage task (``tasks/stages.py``)."""


def _transport_options(visibility: int) -> dict[str, Any]:
    """Redis transport options: unacknowledged tasks come back after ``visibility`` seconds.

    Workers sweep for such tasks every ``interval × throttle`` seconds (kombu); keep the sweep well
    inside the visibility timeout so a lost task is redelivered soon after it becomes visible. A sweep
    holds a Redis mutex for a few round trips; a worker killed mid-sweep leaves it behind until it
    expires (kombu's default: 300 s, stalling every worker's sweep), so it lasts one sweep period.
    """
    interval = max(1, min(10, visibility // 10))
    throttle = max(1, min(10, visibility // (2 * interval * 10)))
    return {
        "visibility_timeout": visibility,
        "unacked_restore_interval": interval,
        "unacked_restore_throttle": throttle,
        "unacked_mutex_expire": max(5, interval * throttle),
    }


def celery_config(settings: Settings) -> dict[str, Any]:
    """Celery configuration derived from ``settings`` (broker, serialisation, reliability, limits)."""
    scale = settings.celery.hard_limit_scale
    hard_max = max(limits_of(name).hard for name in TASK_ROUTES) * scale
    visibility = settings.celery.visibility_timeout_s or int(hard_max + 300)
    annotations = {
        name: {"soft_time_limit": limits_of(name).soft * scale, "time_limit": limits_of(name).hard * scale}
        for name in TASK_ROUTES
    }
    return {
        "broker_url": broker_url(settings.redis_url),
        "result_backend": settings.redis_url,
        "broker_connection_retry_on_startup": True,
        "broker_transport_options": _transport_options(visibility),
        "result_backend_transport_options": {"visibility_timeout": visibility},
        "task_serializer": "json",
        "result_serializer": "json",
        "accept_content": ["json"],
        "result_accept_content": ["json"],
        "result_expires": settings.celery.result_expires_s,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "task_track_started": settings.celery.track_started,
        "task_send_sent_event": settings.celery.events,
        "worker_send_task_events": settings.celery.events,
        "task_queues": [KombuQueue(q.value, routing_key=q.value) for q in Queue],
        "task_default_queue": Queue.MONITORS.value,
        "task_routes": {name: {"queue": queue.value} for name, queue in TASK_ROUTES.items()},
        "task_annotations": annotations,
        "timezone": "UTC",
        "enable_utc": True,
        "redbeat_redis_url": settings.redis_url,
        "redbeat_key_prefix": "agentfleet:redbeat",
        "redbeat_lock_timeout": settings.celery.beat_lock_timeout_s,
        # The active beat renews its lock every loop; loop well inside the lock timeout.
        "beat_max_loop_interval": max(1, settings.celery.beat_lock_timeout_s // 3),
        "worker_hijack_root_logger": False,
    }
