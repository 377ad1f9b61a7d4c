"""``agentfleet deployed REPO COMMIT``: say what production runs, for teams whose releases carry no SHA; and
the verification parts of ``status`` and ``trust --history``."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime

import click

from agentfleet.core.context import Context, get_context
from agentfleet.flow.delivery.record import VERIFY
from agentfleet.flow.verification.commits import Commits
from agentfleet.flow.verification.status import history, status_lines
from agentfleet.store import deploys, ledger, verifications

__all__ = ["COMMANDS", "echo_history", "echo_status"]


def _when(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 time (e.g. 2025-06-01T14:30:00Z)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@click.command()
@click.argument("repo")
@click.argument("commit")
@click.option("--at", "at", default=None, help="When it went live (ISO 8601; default: now). Naive times are UTC.")
def deployed(repo: str, commit: str, at: str | None) -> None:
    """Record that production runs COMMIT of REPO (from now, or --at).

    Merged fixes the commit contains count as deployed; events whose release names no commit are attributed
    to the last commit declared before they arrived. The errors monitor's next run judges them.
    """
    ctx = get_context()
    config = ctx.repo(repo)
    commits = Commits.of(ctx, config)
    sha = commits.resolve(commit)
    if sha is None:
        raise click.ClickException(
            f"{commit!r} names no commit of {repo} (its location {config.location} and its forge); "
            "push it there first, or check the name"
        )
    when = _when(at)
    actor = f"cli:{getpass.getuser()}"
    deploys.declare(ctx.store, repo, sha, actor=actor, at=when)
    ledger.append(ctx.store, stage=VERIFY, outcome="declared", repo=repo, actor=actor, outputs={"commit": sha})
    click.echo(f"{repo}: production runs {sha[:12]} from {(when or datetime.now(UTC)):%Y-%m-%d %H:%M:%S}Z")
    contained = _contained(ctx, repo, commits, sha)
    for number, merge in contained:
        click.echo(f"  contains merged PR #{number} (merge {merge[:12]}): judged on the errors monitor's next run")
    if not contained:
        click.echo("  it contains no merged agent fix awaiting a deploy")


def _contained(ctx: Context, repo: str, commits: Commits, sha: str) -> list[tuple[int, str]]:
    rows = verifications.listing(ctx.store, repo=repo, states=(verifications.State.AWAITING_DEPLOY,))
    return [(row.pr_number, row.merge_sha) for row in rows if commits.contains(sha, row.merge_sha)]


def echo_status(ctx: Context) -> None:
    """``agentfleet status``'s verification section: fixes awaiting deploy, awaiting verdict, held, regressed."""
    for line in status_lines(ctx.store):
        click.echo(line)


def echo_history(ctx: Context, repos: list[str], limit: int) -> None:
    """``agentfleet trust --history``: per repo, its agent PRs' reviews and production verdicts, newest first."""
    for repo in repos:
        click.echo(f"\n{repo}: history (newest first)")
        entries = history(ctx.store, repo, limit=limit)
        click.echo(f"  {'when (UTC)':<19} {'kind':<19} {'PR':>5}  {'event':<16} detail")
        for e in entries:
            pr = f"#{e.pr}" if e.pr else "-"
            detail = " ".join(e.detail.split())[:100]  # production text: one line, capped
            click.echo(f"  {e.at:%Y-%m-%d %H:%M:%S} {e.kind:<19} {pr:>5}  {e.event:<16} {detail}")
        if not entries:
            click.echo("  nothing yet: no agent PR was merged, closed or judged")


COMMANDS = [deployed]
