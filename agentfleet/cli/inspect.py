"""Read-only views for operators: ``status``, ``ledger``, ``check-config``."""

from __future__ import annotations

import json

import click

from agentfleet.cli.verify import echo_status as echo_verification
from agentfleet.core.context import get_context
from agentfleet.core.errors import ConfigError
from agentfleet.store import deliveries, findings, ledger, work
from agentfleet.tasks.queues import Queue

__all__ = ["COMMANDS"]


def _queue_depths() -> dict[str, int | str]:
    from agentfleet.tasks.celery_app import app

    try:
        with app.connection_for_read() as conn:
            client = conn.default_channel.client
            return {q.value: int(client.llen(q.value)) for q in Queue}
    except Exception as exc:  # the broker being down is exactly what status must report
        return {q.value: f"unreachable ({type(exc).__name__})" for q in Queue}


def _workers(timeout: float) -> dict[str, list[str]]:
    from agentfleet.tasks.celery_app import app

    inspector = app.control.inspect(timeout=timeout)
    active = inspector.active_queues() or {}
    return {name: sorted(q["name"] for q in queues) for name, queues in active.items()}


@click.command()
@click.option("--timeout", default=1.0, show_default=True, help="Seconds to wait for workers to answer.")
def status(timeout: float) -> None:
    """Queue depths, live workers, findings, work, open deliveries, and merged fixes in production."""
    ctx = get_context()
    try:
        click.echo(f"fleet file: {ctx.settings.fleet_file} ({len(ctx.fleet.repos)} repos)")
    except ConfigError as exc:  # status still reports queues and workers: that is when operators need it
        click.echo(f"fleet file: INVALID — {str(exc).splitlines()[0]} (details: agentfleet check-config)")
    click.echo("queues:")
    for name, depth in _queue_depths().items():
        click.echo(f"  {name:<10} {depth}")
    workers = _workers(timeout)
    click.echo(f"workers: {len(workers)}")
    for name, queues in sorted(workers.items()):
        click.echo(f"  {name}  [{', '.join(queues)}]")
    states = work.count_by_state(ctx.store)
    click.echo("work: " + (", ".join(f"{s}={n}" for s, n in sorted(states.items())) or "none"))
    click.echo(f"findings: {findings.count(ctx.store)}")
    opened = deliveries.list_open(ctx.store)
    click.echo(f"open deliveries: {len(opened)}")
    for row in opened:
        click.echo(f"  {row.repo}  {row.state}  #{row.pr_number}  {row.branch}  {row.url or ''}")
    echo_verification(ctx)


@click.command(name="ledger")
@click.option("--repo", default=None, help="Only this repo.")
@click.option("--key", default=None, help="Only this idempotency key.")
@click.option("--stage", default=None, help="Only this stage (monitor, triage, fix, gate, deliver, …).")
@click.option("--outcome", default=None, help="Only this outcome (ok, failed, crashed, gave-up, held, …).")
@click.option("-n", "--limit", default=30, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line, with inputs and outputs.")
def ledger_cmd(
    repo: str | None, key: str | None, stage: str | None, outcome: str | None, limit: int, as_json: bool
) -> None:
    """Recent ledger rows, newest first: who ran what, on what, the outcome and how long."""
    rows = ledger.recent(get_context().store, limit=limit, repo=repo, key=key, stage=stage, outcome=outcome)
    for row in rows:
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "id": row.id,
                        "at": row.at.isoformat(),
                        "stage": row.stage,
                        "outcome": row.outcome,
                        "repo": row.repo,
                        "key": row.key,
                        "actor": row.actor,
                        "duration_ms": row.duration_ms,
                        "inputs": row.inputs,
                        "outputs": row.outputs,
                        "cost_usd": row.cost_usd,
                    }
                )
            )
        else:
            took = f"{row.duration_ms}ms" if row.duration_ms is not None else "-"
            click.echo(
                f"{row.id:>6} {row.at:%Y-%m-%d %H:%M:%S} {row.stage:<11} {row.outcome:<10} "
                f"{took:>8}  {row.repo or '-'}  {row.key or ''}"
            )


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


COMMANDS = [status, ledger_cmd, check_config]
