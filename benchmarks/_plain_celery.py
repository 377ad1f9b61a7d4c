"""The baselines of benchmarks/pipeline.py: Celery no-op chains with no agentfleet code in the tasks.

``matched``: configured exactly as agentfleet ships (``agentfleet.tasks.config.celery_config``: the guarded
Redis transport, JSON, acks late, reject on worker lost, prefetch 1, the same events setting and result
backend, the stage tasks' time limits and result use, the same queues: hop N goes where stage N goes).
``bare``: Celery's defaults (early acks, prefetch 4, no events, no result backend, one queue), the
ceiling of what a Celery chain can do on this machine.

A worker runs ``celery -A _plain_celery worker`` with ``BENCH_PROFILE`` and ``BENCH_REDIS_URL`` set.
"""

from __future__ import annotations

import os
import time
from typing import Any

import redis
from celery import Celery

PROFILES = ("matched", "bare")
HOPS = ("fix", "gate", "deliver")
"""The heartbeat's stages: the matched chain's hops go to their queues."""


def _config(profile: str, url: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Celery configuration and the no-op task's options for ``profile``."""
    if profile == "bare":
        conf = {"broker_url": url, "task_default_queue": "bare", "accept_content": ["json"]}
        return conf, {"ignore_result": True}
    from agentfleet.core.settings import Settings
    from agentfleet.tasks.config import STAGE_TASK_OPTIONS, celery_config

    conf = celery_config(Settings(redis_url=url))
    limits = conf["task_annotations"]["agentfleet.fix"]
    conf.update(task_routes={}, task_annotations={"plain.noop": limits})
    return conf, {"ignore_result": STAGE_TASK_OPTIONS["ignore_result"]}


def make_app(profile: str, url: str) -> Celery:
    """A Celery app for ``profile`` with its one task, ``plain.noop``."""
    conf, options = _config(profile, url)
    app = Celery(f"plain-{profile}", set_as_current=False)
    app.conf.update(conf)
    times = redis.Redis.from_url(url)

    @app.task(name="plain.noop", shared=False, **options)
    def noop(previous: object = None, *, chain_id: str = "", hop: int = 0, last: int = 2) -> dict[str, object]:
        """Record when this hop ran (for latency) and count finished chains; do nothing else."""
        times.rpush(f"plain:{chain_id}", f"{hop}:{time.time()}")
        if hop == last:
            times.incr(f"plain:done:{chain_id.rsplit('-', 1)[0]}")
        return {"chain_id": chain_id, "hop": hop}

    return app


def queues(profile: str) -> list[str]:
    """The queue of each hop of ``profile``'s chain (matched: the stage table's, bare: one queue)."""
    if profile == "bare":
        return ["bare"] * len(HOPS)
    from agentfleet.tasks.table import stage

    return [stage(name).queue.value for name in HOPS]


def events_on(profile: str, url: str) -> bool:
    """Whether workers of ``profile`` send task events (``-E``), as agentfleet's workers do or not."""
    return bool(_config(profile, url)[0].get("worker_send_task_events"))


if "BENCH_PROFILE" in os.environ:
    app = make_app(os.environ["BENCH_PROFILE"], os.environ["BENCH_REDIS_URL"])
