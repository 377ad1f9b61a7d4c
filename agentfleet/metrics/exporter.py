"""The ``/metrics`` endpoint: a worker's pool processes write to a multiprocess directory the worker's main
process serves (prometheus-client's multiprocess mode); ingest serves its own counters. Both add the
store and Redis gauges."""

from __future__ import annotations

import atexit
import logging
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from agentfleet.metrics.config import MetricsConfig

__all__ = ["mark_dead", "prepare_multiprocess", "serve"]

log = logging.getLogger(__name__)

_ENV = "PROMETHEUS_MULTIPROC_DIR"
_multiprocess: list[Path] = []
"""The directory ``prepare_multiprocess`` set up in this process (inherited by the pool's forked processes)."""


def prepare_multiprocess(directory: Path) -> None:
    """Make this process and the ones it forks write metrics under ``directory`` (emptied first, removed at exit).
    Call before any metric is created."""
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    os.environ[_ENV] = str(directory)  # prometheus-client reads it; the pool's processes inherit it
    _multiprocess[:] = [directory]
    from prometheus_client import values

    values.ValueClass = values.get_value_class()
    atexit.register(shutil.rmtree, directory, True)


def mark_dead(pid: int) -> None:
    """Forget the live gauges of pool process ``pid`` (its counters stay counted)."""
    if _multiprocess:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)


def serve(config: MetricsConfig, collectors: Sequence[object] = ()) -> bool:
    """Serve ``/metrics`` on ``config``'s port (in a thread); False, with a warning, when it cannot listen."""
    from prometheus_client import REGISTRY, CollectorRegistry, start_http_server
    from prometheus_client.multiprocess import MultiProcessCollector

    import agentfleet.metrics.instruments  # noqa: F401  (every series exists from the first scrape)

    if config.port is None:
        return False
    registry = REGISTRY
    if _multiprocess:
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    for collector in collectors:
        registry.register(collector)  # type: ignore[arg-type]
    try:
        start_http_server(config.port, config.address, registry)
    except OSError as exc:
        log.warning(
            "metrics: cannot listen on %s:%d (%s); this process serves no /metrics", config.address, config.port, exc
        )
        return False
    log.info("metrics on http://%s:%d/metrics", config.address, config.port)
    return True
