"""The baseline for benchmarks/pipeline.py: plain Celery no-op tasks, same broker settings as agentfleet."""

from __future__ import annotations

import os
import time

import redis
from celery import Celery

URL = os.environ["BENCH_REDIS_URL"]
app = Celery("plain", broker=URL, backend=URL)
app.conf.update(
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_default_queue="plain",
)
_times = redis.Redis.from_url(URL)


@app.task(name="plain.noop")
def noop(previous: object = None, *, chain_id: str = "", hop: int = 0) -> dict[str, object]:
    """Record when this hop ran; do nothing else."""
    _times.rpush(f"plain:{chain_id}", f"{hop}:{time.time()}")
    if hop == 2 and chain_id.startswith("tp"):
        _times.incr("plain:done")
    return {"chain_id": chain_id, "hop": hop}
