"""Commands that make the fleet act now: ``audit``."""

from __future__ import annotations

import uuid
from datetime import timedelta

import click

from agentfleet.core.context import Context, get_context
from agentfleet.store.views import work_rows

__all__ = ["COMMANDS"]


def _waiting(ctx: Context, repo: str, fingerprints: list[str]) -> list[str]:
    """One line per fingerprint already in flight or cooling down: which, since or until when."""
    cooldown = timedelta(seconds=ctx.repo(repo).budgets.cooldown_s)
    lines = []
    for row in work_rows(ctx.store, repo=repo, fingerprints=fingerprints, limit=len(fingerprints)):
        if row.state in {"queued", "held"}:
            what = "in flight" if row.state == "queued" else "held"
            lines.append(f"{what:<10} {row.key} (run {row.runs} since {row.created_at:%Y-%m-%d %H:%M} UTC)")
        elif row.finished_at is not None:
            until = row.finished_at + cooldown
            lines.append(
                f"cooling    {row.key} (run {row.runs} {row.state} at {row.finished_at:%Y-%m-%d %H:%M}; "
                f"cooling down until {until:%Y-%m-%d %H:%M} UTC, budgets.cooldown_s={int(cooldown.total_seconds())})"
            )
    return lines


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
        click.echo(f"  started    {key}")
    for line in _waiting(ctx, repo, result.counted):
        click.echo(f"  {line}")
    for line in run.held:
        click.echo(f"  held       {line}")


COMMANDS = [audit]
