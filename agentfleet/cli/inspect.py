"""Read-only views for operators: ``status`` and ``check-config``."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import click

from agentfleet.cli.verify import echo_status as echo_verification
from agentfleet.contracts import utcnow
from agentfleet.core.context import Context, get_context
from agentfleet.core.errors import ConfigError
from agentfleet.core.redact import redact
from agentfleet.store import deliveries, findings, work
from agentfleet.store.views import outcomes_by_repo_kind
from agentfleet.tasks.queues import Queue
from agentfleet.tasks.table import STAGES

__all__ = ["COMMANDS"]

_STAGES = (*(s.name for s in STAGES), "review")
"""Stages whose outcomes ``status`` counts, in flow order."""


def _redis_problem(ctx: Context, timeout: float) -> str | None:
    """Why Redis cannot be used right now (one line), or ``None``; answers within about ``timeout`` seconds."""
    import redis

    client = redis.Redis.from_url(ctx.settings.redis_url, socket_connect_timeout=timeout, socket_timeout=timeout)
    try:
        client.ping()
    except redis.RedisError as exc:
        return redact(f"unreachable at {ctx.settings.redis_url} (setting AGENTFLEET_REDIS_URL): {exc}")
    finally:
        client.close()
    return None


def _queue_depths(ctx: Context) -> dict[str, int]:
    pipe = ctx.redis.pipeline()
    for queue in Queue:
        pipe.llen(queue.value)
    return {q.value: int(n) for q, n in zip(Queue, pipe.execute(), strict=True)}


def _workers(timeout: float) -> dict[str, list[str]]:
    from agentfleet.tasks.celery_app import app

    inspector = app.control.inspect(timeout=timeout)
    active = inspector.active_queues() or {}
    return {name: sorted(q["name"] for q in queues) for name, queues in active.items()}


def _counts(counter: Counter[tuple[str, str]]) -> str:
    parts = []
    for stage in sorted({s for s, _ in counter}, key=lambda s: _STAGES.index(s) if s in _STAGES else len(_STAGES)):
        shown = ", ".join(f"{outcome} {n}" for (s, outcome), n in sorted(counter.items()) if s == stage)
        parts.append(f"{stage}: {shown}")
    return " · ".join(parts)


def _show_outcomes(ctx: Context) -> None:
    found = outcomes_by_repo_kind(ctx.store, utcnow() - timedelta(hours=24), stages=_STAGES)
    click.echo("outcomes, last 24 h:" + ("" if found else " none"))
    for (repo, kind), counter in sorted(found.items()):
        click.echo(f"  {repo:<12} {kind:<19} {_counts(counter)}")


def _show_broker(ctx: Context, timeout: float) -> bool:
    """Queues and workers; False (after one line saying why) when Redis cannot be reached."""
    problem = _redis_problem(ctx, min(timeout, 2.0))
    if problem:
        click.echo(f"redis: {problem}")
        return False
    click.echo("queues:")
    for name, depth in _queue_depths(ctx).items():
        click.echo(f"  {name:<10} {depth}")
    workers = _workers(timeout)
    click.echo(f"workers: {len(workers)}")
    for name, queues in sorted(workers.items()):
        click.echo(f"  {name}  [{', '.join(queues)}]")
    return True


@click.command()
@click.option("--timeout", default=1.0, show_default=True, help="Seconds to wait for Redis and for workers to answer.")
def status(timeout: float) -> None:
    """Queue depths, live workers, work, outcomes per repo × kind over the last 24 h, open PRs, fixes in production.

    Exits 1 when Redis cannot be reached (the rest, read from the store, is still shown).
    """
    ctx = get_context()
    try:
        click.echo(f"fleet file: {ctx.settings.fleet_file} ({len(ctx.fleet.repos)} repos)")
    except ConfigError as exc:  # status still reports queues and workers: that is when operators need it
        click.echo(f"fleet file: INVALID — {str(exc).splitlines()[0]} (details: agentfleet check-config)")
    reachable = _show_broker(ctx, timeout)
    states = work.count_by_state(ctx.store)
    click.echo("work: " + (", ".join(f"{s}={n}" for s, n in sorted(states.items())) or "none"))
    click.echo(f"findings: {findings.count(ctx.store)}")
    _show_outcomes(ctx)
    opened = deliveries.list_open(ctx.store)
    click.echo(f"open deliveries: {len(opened)}")
    for row in opened:
        click.echo(f"  {row.repo}  {row.state}  #{row.pr_number}  {row.branch}  {row.url or ''}")
    echo_verification(ctx)
    if not reachable:
        raise SystemExit(1)


@click.command(name="check-config")
@click.option("--offline", is_flag=True, help="Only validate files; do not contact Redis or repositories.")
def check_config(offline: bool) -> None:
    """Validate settings and the fleet file, then check Redis, the store and every repo location."""
    from agentfleet.cli.checks import run_checks

    ok = True
    for name, passed, detail in run_checks(get_context(), offline=offline):
        ok &= passed
        click.echo(f"{'ok  ' if passed else 'FAIL'} {name}: {detail}")
    if not ok:
        raise SystemExit(1)


COMMANDS = [status, check_config]
