"""``agentfleet ledger``: the audit trail, filtered the way an operator asks (by outcome, time, repo, key)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import click

from agentfleet.core.context import get_context
from agentfleet.store.models import LedgerRow
from agentfleet.store.views import LedgerQuery, parse_since, rows

__all__ = ["COMMANDS", "since_option"]


def _since(_ctx: click.Context, _param: click.Parameter, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return parse_since(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


since_option = click.option(
    "--since",
    callback=_since,
    metavar="WHEN",
    help="Only rows since WHEN: a duration ago (30m, 24h, 7d) or an ISO date/time in UTC.",
)


def as_json(row: LedgerRow) -> dict[str, Any]:
    """A ledger row as one JSON object."""
    names = ("id", "stage", "outcome", "repo", "key", "actor", "duration_ms", "inputs", "outputs", "cost_usd")
    return {"at": row.at.isoformat(), **{name: getattr(row, name) for name in names}}


def line(row: LedgerRow) -> str:
    """A ledger row on one line."""
    took = f"{row.duration_ms}ms" if row.duration_ms is not None else "-"
    return (
        f"{row.id:>6} {row.at:%Y-%m-%d %H:%M:%S} {row.stage:<11} {row.outcome:<10} "
        f"{took:>8}  {row.repo or '-'}  {row.key or ''}"
    )


@click.command(name="ledger")
@click.option("--repo", default=None, help="Only this repo.")
@click.option("--key", default=None, help="Only this idempotency key.")
@click.option("--stage", default=None, help="Only this stage (monitor, triage, fix, gate, deliver, review, …).")
@click.option(
    "--outcome",
    "outcomes",
    multiple=True,
    help="Only this outcome, or outcomes starting with it (reject finds rejected); repeat for several.",
)
@since_option
@click.option("--all", "routine", is_flag=True, help="Also heartbeat rows and monitor runs that found nothing.")
@click.option("-n", "--limit", default=30, show_default=True)
@click.option("--json", "json_lines", is_flag=True, help="One JSON object per line, with inputs and outputs.")
def ledger_cmd(
    repo: str | None,
    key: str | None,
    stage: str | None,
    outcomes: tuple[str, ...],
    since: datetime | None,
    routine: bool,
    limit: int,
    json_lines: bool,
) -> None:
    """Recent ledger rows, newest first: who ran what, on what, the outcome and how long.

    Heartbeat (canary) rows and monitor runs that found nothing are hidden unless --all is given.
    """
    query = LedgerQuery(
        repo=repo, key=key, stage=stage, outcomes=outcomes, since=since, routine=routine or key is not None, limit=limit
    )
    found = rows(get_context().store, query)
    for row in found:
        click.echo(json.dumps(as_json(row)) if json_lines else line(row))
    if not found and not json_lines:
        hint = "" if routine else " (heartbeat and idle monitor rows are hidden: --all shows them)"
        click.echo(f"no ledger rows match{hint}", err=True)


COMMANDS = [ledger_cmd]
