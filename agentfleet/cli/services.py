"""Long-running processes: ``worker``, ``beat``, ``flower``."""

from __future__ import annotations

import os
import socket

import click

from agentfleet.core.context import Context
from agentfleet.core.errors import ConfigError
from agentfleet.core.logs import configure_logging
from agentfleet.core.settings import get_settings
from agentfleet.tasks.queues import Queue

__all__ = ["COMMANDS"]

_ALL_QUEUES = ",".join(q.value for q in Queue)


def _queues(value: str) -> list[str]:
    names = [q.strip() for q in value.split(",") if q.strip()]
    unknown = sorted(set(names) - {q.value for q in Queue})
    if unknown:
        raise click.BadParameter(f"unknown queue(s) {', '.join(unknown)}; queues are {_ALL_QUEUES}")
    return names


@click.command()
@click.option("-Q", "--queues", default=_ALL_QUEUES, show_default=True, help="Comma-separated queues to consume.")
@click.option("-c", "--concurrency", type=int, default=None, help="Worker processes (default: CPU count).")
@click.option("--pool", type=click.Choice(["prefork", "solo", "threads"]), default="prefork", show_default=True)
@click.option(
    "-n",
    "--hostname",
    default=None,
    help="Node name (default: agentfleet-<queues>-<pid>@<host>, so workers on one host never share one).",
)
@click.option("--max-tasks-per-child", type=int, default=None, help="Recycle a pool process after N tasks.")
def worker(
    queues: str, concurrency: int | None, pool: str, hostname: str | None, max_tasks_per_child: int | None
) -> None:
    """Run a worker consuming QUEUES (scale out by running more of them).

    With AGENTFLEET_METRICS__PORT set, the worker serves Prometheus metrics for all its pool processes.
    """
    names = _queues(queues)
    settings = get_settings()
    configure_logging(settings.log_level)
    from agentfleet.core.context import get_context

    ctx = get_context()
    fleet = ctx.fleet  # every task needs it: a missing or broken fleet file stops the worker here
    click.echo(f"worker: fleet file {settings.fleet_file} ({len(fleet.repos)} repos)")
    _serve_metrics(ctx)
    from agentfleet.tasks.celery_app import app

    node = hostname or f"agentfleet-{'-'.join(names)}-{os.getpid()}@{socket.gethostname()}"
    argv = ["worker", "-Q", ",".join(names), "--pool", pool, "-n", node, "-l", settings.log_level]
    if concurrency:
        argv += ["-c", str(concurrency)]
    if max_tasks_per_child:
        argv += ["--max-tasks-per-child", str(max_tasks_per_child)]
    app.worker_main(argv)


def _serve_metrics(ctx: Context) -> None:
    """``/metrics`` for this worker's pool processes (multiprocess mode), before any of them is forked."""
    if ctx.settings.metrics.port is None:
        return
    from agentfleet.metrics.collectors import StoreCollector
    from agentfleet.metrics.exporter import prepare_multiprocess, serve

    prepare_multiprocess(ctx.settings.data_dir.resolve() / "metrics" / f"worker-{os.getpid()}")
    serve(ctx.settings.metrics, [StoreCollector(ctx.store)])


@click.command()
def beat() -> None:
    """Run the scheduler (one is active at a time; start a second as a hot standby)."""
    settings = get_settings()
    configure_logging(settings.log_level)
    from agentfleet.core.context import get_context
    from agentfleet.tasks.celery_app import app
    from agentfleet.tasks.schedule import build_schedule

    entries = build_schedule(get_context().fleet)
    app.conf.beat_schedule = entries
    click.echo(f"beat: {len(entries)} scheduled monitor run(s): {', '.join(sorted(entries)) or 'none'}")
    app.start(["beat", "-S", "redbeat.RedBeatScheduler", "-l", settings.log_level])


@click.command()
@click.option("--port", type=int, default=None, help="Port (default from settings).")
@click.option("--address", default=None, help="Interface (default from settings).")
def flower(port: int | None, address: str | None) -> None:
    """Serve Flower, the monitoring UI, with basic auth from settings.

    Workers send no task events unless AGENTFLEET_CELERY__EVENTS is set; Flower turns them on in the
    running workers (and in workers that start while it runs), and off again when it stops.
    """
    settings = get_settings()
    conf = settings.flower
    argv = ["flower", f"--port={port or conf.port}", f"--address={address or conf.address}"]
    if conf.password is None and not conf.unauthenticated:
        raise ConfigError(
            "Flower needs credentials: set AGENTFLEET_FLOWER__PASSWORD (and optionally "
            "AGENTFLEET_FLOWER__USER), or AGENTFLEET_FLOWER__UNAUTHENTICATED=true when a proxy authenticates"
        )
    from flower.options import options  # importing it defines Flower's options

    if conf.password is not None:
        # Set in-process so the password never appears in the process list.
        options.basic_auth = [f"{conf.user}:{conf.password.get_secret_value()}"]
    configure_logging(settings.log_level)
    from agentfleet.tasks.celery_app import app, switch_events

    # Flower inspects the broker by URL scheme and knows only plain redis://; it consumes no tasks, so
    # the guarded transport (agentfleet.tasks.broker) is not needed in this process.
    app.conf.broker_url = settings.redis_url
    click.echo(f"flower: task events turned on in {switch_events(on=True)} running worker(s); Flower keeps them on")
    try:
        app.start(argv)
    finally:
        if not settings.celery.events:
            click.echo(f"flower: task events turned off again in {switch_events(on=False)} worker(s)")


COMMANDS = [worker, beat, flower]
