"""``agentfleet trust``: each repo × work kind's track record and a suggested promotion or demotion."""

from __future__ import annotations

import click

from agentfleet.cli.verify import echo_history
from agentfleet.core.context import get_context
from agentfleet.core.errors import AgentfleetError
from agentfleet.flow.delivery.record import Record, recommend, track_record
from agentfleet.flow.delivery.sync import sync_reviews
from agentfleet.flow.kinds import KINDS, kind_of
from agentfleet.forges.factory import open_forge

__all__ = ["COMMANDS"]

_KINDS = [row.kind for row in KINDS.values() if row.metered]


@click.command(name="trust")
@click.option("-r", "--repo", default=None, help="Only this repo.")
@click.option("--sync/--no-sync", default=True, show_default=True, help="First ask each forge what humans did.")
@click.option("--history", is_flag=True, help="Also show each repo's history: reviews and production verdicts.")
@click.option("-n", "--limit", default=30, show_default=True, help="History rows per repo.")
def trust(repo: str | None, sync: bool, history: bool, limit: int) -> None:
    """Merged, closed, verified, regressed, caused and reverted agent changes per repo × kind, with a suggestion.

    Verified, regressed and caused are production verdicts on merged changes (docs/verification.md); for kinds
    judged in production, a promotion needs verified changes, not just merges.

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
    click.echo(
        f"{'repo':<12} {'kind':<19} {'phase':>5} {'merged':>6} {'closed':>6} {'verified':>8} {'regressed':>9} "
        f"{'caused':>6} {'reverted':>8}  suggestion"
    )
    for config in repos:
        for kind in _KINDS:
            phase = config.trust.of(kind)
            r = records.get((config.name, kind.value), Record())
            judged = kind_of(kind).verified_by is not None
            click.echo(
                f"{config.name:<12} {kind.value:<19} {int(phase):>5} {r.merged:>6} {r.closed:>6} {r.verified:>8} "
                f"{r.regressed:>9} {r.caused:>6} {r.reverted:>8}  {recommend(r, phase, judged=judged)}"
            )
    if history:
        echo_history(ctx, [c.name for c in repos], limit)
    click.echo("phases change only when you edit the fleet file (trust.<kind> = 1..4); this command never does")


COMMANDS = [trust]
