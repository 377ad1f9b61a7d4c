"""``agentfleet trust``: each repo × work kind's track record and a suggested promotion or demotion."""

from __future__ import annotations

import click

from agentfleet.core.context import get_context
from agentfleet.core.errors import AgentfleetError
from agentfleet.flow.delivery.record import Record, recommend, track_record
from agentfleet.flow.delivery.sync import sync_reviews
from agentfleet.flow.kinds import KINDS
from agentfleet.forges.factory import open_forge

__all__ = ["COMMANDS"]

_KINDS = [row.kind for row in KINDS.values() if row.metered]


@click.command(name="trust")
@click.option("-r", "--repo", default=None, help="Only this repo.")
@click.option("--sync/--no-sync", default=True, show_default=True, help="First ask each forge what humans did.")
def trust(repo: str | None, sync: bool) -> None:
    """Merged, closed and reverted agent PRs per repo × kind, with a suggestion.

    The suggestion is never applied: trust phases change only when a human edits the fleet file
    (``trust.<kind> = 1..4`` under the repo).
    """
    ctx = get_context()
    repos = ctx.repos(repo)
    for config in repos if sync else []:
        try:
            for change in sync_reviews(ctx.store, config.name, open_forge(ctx, config)):
                click.echo(f"synced {config.name}: {change}")
        except AgentfleetError as exc:
            click.echo(f"warning: could not sync {config.name} with its forge: {exc}", err=True)
    records = track_record(ctx.store, repo=repo)
    click.echo(f"{'repo':<12} {'kind':<19} {'phase':>5} {'merged':>6} {'closed':>6} {'reverted':>8}  suggestion")
    for config in repos:
        for kind in _KINDS:
            phase = config.trust.of(kind)
            record = records.get((config.name, kind.value), Record())
            click.echo(
                f"{config.name:<12} {kind.value:<19} {int(phase):>5} {record.merged:>6} {record.closed:>6} "
                f"{record.reverted:>8}  {recommend(record, phase)}"
            )
    click.echo("phases change only when you edit the fleet file (trust.<kind> = 1..4); this command never does")


COMMANDS = [trust]
