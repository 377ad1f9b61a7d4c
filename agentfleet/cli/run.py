"""Commands that make the fleet act now: ``audit``."""

from __future__ import annotations

import uuid

import click

from agentfleet.core.context import get_context

__all__ = ["COMMANDS"]


@click.command()
@click.argument("repo")
@click.argument("monitor")
@click.option("--dry-run", is_flag=True, help="Print what the monitor finds; record and start nothing.")
def audit(repo: str, monitor: str, dry_run: bool) -> None:
    """Run MONITOR on REPO now (outside the schedule) and queue the work it finds."""
    from agentfleet.flow.monitors.describe import describe
    from agentfleet.flow.monitors.run import run_monitor, scan

    ctx = get_context()
    if dry_run:
        found = scan(ctx, repo, monitor)
        click.echo(describe(found))
        return
    from agentfleet.tasks import pipeline

    run, result = run_monitor(ctx, repo, monitor, run_id=f"audit-{uuid.uuid4().hex[:12]}")
    for job in result.jobs:
        pipeline.launch(job)
    click.echo(
        f"{monitor} on {repo}: {run.findings} finding(s), {len(run.started)} started, "
        f"{run.counted} already in flight or cooling down, {len(run.held)} held"
    )
    for key in run.started:
        click.echo(f"  started {key}")
    for line in run.held:
        click.echo(f"  held    {line}")


COMMANDS = [audit]
