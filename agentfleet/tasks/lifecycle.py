"""Worker lifecycle hooks: reap sandboxes a dead worker left behind, warm the pool, release on exit."""

from __future__ import annotations

import logging
from typing import Any

from celery.signals import worker_init, worker_process_init, worker_process_shutdown

from agentfleet.core.context import get_context
from agentfleet.core.errors import AgentfleetError
from agentfleet.core.settings import get_settings
from agentfleet.sandboxes.factory import choose_backend, sandbox_dir
from agentfleet.sandboxes.reaper import reap_leftovers

__all__ = ["own_store_connections", "reap_at_start", "release_sandboxes", "warm_sandbox_pool"]

log = logging.getLogger(__name__)


@worker_init.connect
def reap_at_start(**_: Any) -> None:
    """When a worker starts, destroy the sandboxes (boxes, cgroups, containers) of dead workers."""
    settings = get_settings()
    try:
        count = reap_leftovers(sandbox_dir(settings.data_dir))
    except (OSError, AgentfleetError) as exc:  # a failed sweep must not keep the worker from starting
        log.warning("sandbox reaper failed at worker start: %s", exc)
        return
    log.info("sandbox reaper at worker start removed=%d", count)


@worker_process_init.connect
def own_store_connections(**_: Any) -> None:
    """Each pool process opens its own store connections: the worker reads the fleet file (and so opens
    the store) before it forks, and a connection shared across processes corrupts both sides."""
    get_context().store.forget_connections()


@worker_process_init.connect
def warm_sandbox_pool(**_: Any) -> None:
    """In each pool process, start filling the warm sandbox pool (Docker, when a pool size is set)."""
    settings = get_settings()
    if settings.sandbox.pool_size == 0:
        return
    try:
        if choose_backend(settings.sandbox) != "docker":
            return
        from agentfleet.sandboxes.docker.sandbox import warm_pool

        warm_pool(settings.sandbox, sandbox_dir(settings.data_dir))
    except AgentfleetError as exc:
        log.warning("sandbox pool not warmed: %s", exc)


@worker_process_shutdown.connect
def release_sandboxes(**_: Any) -> None:
    """When a pool process exits (recycled after N tasks, or shutdown), release what it holds.

    Celery's pool processes leave with ``os._exit``, which skips ``atexit``: warm containers, pooled
    cgroups and teardowns still in flight would otherwise wait for the next worker start's reaper.
    """
    from agentfleet.sandboxes import cgroup_pool, cleanup, pool

    pool.close_pools()
    cgroup_pool.remove_all()
    cleanup.drain()
