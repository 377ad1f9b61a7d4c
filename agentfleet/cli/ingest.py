"""Error ingest processes: ``ingest`` (HTTP endpoints + grouper) and ``group-errors`` (the grouper alone);
``parked-errors`` shows and replays the events the grouper parked."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
from typing import TYPE_CHECKING

import click

from agentfleet.core.logs import configure_logging

if TYPE_CHECKING:
    import redis

    from agentfleet.core.context import Context

__all__ = ["COMMANDS"]

log = logging.getLogger(__name__)


def _check_durability(client: redis.Redis) -> None:
    """Warn when Redis would lose accepted events on a crash (no append-only file)."""
    from redis.exceptions import RedisError

    try:
        aof = client.config_get("appendonly").get("appendonly")
    except RedisError:  # managed Redis often forbids CONFIG; nothing to check then
        return
    if aof != "yes":
        log.warning("Redis runs without appendonly: events accepted just before a Redis crash can be lost")


def _serve_metrics(ctx: Context, workers: int) -> None:
    """``/metrics``: the HTTP workers' counts (multiprocess mode when there are several) and the grouper's lag."""
    if ctx.settings.metrics.port is None:
        return
    from agentfleet.metrics.collectors import GrouperCollector, StoreCollector
    from agentfleet.metrics.exporter import prepare_multiprocess, serve

    if workers > 1:
        prepare_multiprocess(ctx.settings.data_dir.resolve() / "metrics" / f"ingest-{os.getpid()}")
    collectors = [GrouperCollector(ctx.redis, ctx.settings.ingest.stream), StoreCollector(ctx.store)]
    serve(ctx.settings.metrics, collectors)


def _start_grouper() -> subprocess.Popen[bytes]:
    """The grouper in its own process (``group-errors``), so it never competes with requests for the GIL."""
    return subprocess.Popen([sys.executable, "-m", "agentfleet.cli", "group-errors", "--parent", str(os.getpid())])


@click.command()
@click.option("--host", default=None, help="Interface (default from settings: AGENTFLEET_INGEST__HOST).")
@click.option("--port", type=int, default=None, help="Port (default from settings: AGENTFLEET_INGEST__PORT).")
@click.option("--grouper/--no-grouper", default=True, show_default=True, help="Also run a grouper process.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="HTTP worker processes.")
def ingest(host: str | None, port: int | None, grouper: bool, workers: int) -> None:
    """Serve the error-ingest endpoints: point a Sentry DSN at them (http://KEY@HOST:PORT/1)."""
    import uvicorn

    from agentfleet.core.context import get_context
    from agentfleet.ingest.app import create_app
    from agentfleet.ingest.auth import KeyMap

    ctx = get_context()
    configure_logging(ctx.settings.log_level)
    keys = KeyMap.from_fleet(ctx.fleet)  # a broken fleet file or a shared key fails here, at start
    _check_durability(ctx.redis)
    _serve_metrics(ctx, workers)
    conf = ctx.settings.ingest
    child = _start_grouper() if grouper else None
    log.info("ingest listening on %s:%d for %d DSN key(s)", host or conf.host, port or conf.port, len(keys.repos))
    try:
        uvicorn.run(
            create_app(ctx) if workers == 1 else "agentfleet.ingest.app:from_settings",
            factory=workers > 1,
            workers=workers,
            host=host or conf.host,
            port=port or conf.port,
            log_level=ctx.settings.log_level.lower(),
            access_log=False,
            log_config=None,
        )
    finally:
        if child is not None:
            child.terminate()
            child.wait(15)


def _watch_parent(pid: int, stop: threading.Event) -> None:
    """Set ``stop`` once process ``pid`` is gone (however it ended), checking every second."""

    def watch() -> None:
        while not stop.wait(1.0):
            if os.getppid() != pid:
                log.info("grouper parent %d is gone; stopping", pid)
                stop.set()

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


@click.command(name="group-errors")
@click.option("--parent", type=int, default=None, hidden=True, help="Stop when this process (the ingest) ends.")
def group_errors(parent: int | None) -> None:
    """Run only the grouper: drain accepted events into error groups until stopped (SIGTERM/Ctrl-C)."""
    from agentfleet.core.context import get_context
    from agentfleet.ingest.grouper import run_grouper

    ctx = get_context()
    configure_logging(ctx.settings.log_level)
    os.nice(ctx.settings.ingest.grouper_nice)  # accept latency is what SDKs wait on; grouping may lag
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    if parent is not None:
        _watch_parent(parent, stop)
    run_grouper(ctx.store, ctx.redis, ctx.settings.ingest, stop)


@click.command(name="parked-errors")
@click.option("--replay", is_flag=True, help="Move every parked event back to the ingest stream to be grouped again.")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="Parked events to list.")
def parked_errors(replay: bool, limit: int) -> None:
    """List the events the grouper parked (the store refused them), or replay them once the cause is fixed."""
    from agentfleet.core.context import get_context
    from agentfleet.ingest import parking

    ctx = get_context()
    conf = ctx.settings.ingest
    if replay:
        moved = parking.replay(ctx.redis, conf.parked_stream, conf.stream, count=1_000_000)
        click.echo(f"replayed {moved} parked event(s) into {conf.stream}; the grouper writes them next")
        return
    total = int(ctx.redis.xlen(conf.parked_stream))
    click.echo(f"{total} parked event(s) in {conf.parked_stream}" + (":" if total else ""))
    for entry in parking.parked(ctx.redis, conf.parked_stream, count=limit):
        click.echo(f"  {entry.id}  {entry.why}")
    if total:
        click.echo("replay them with: agentfleet parked-errors --replay")


COMMANDS = [ingest, group_errors, parked_errors]
