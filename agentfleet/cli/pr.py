"""``agentfleet pr list|show|diff|merge|close``: review agent pull requests on any forge.

The local forge has no web UI: this is how its PRs are read, merged and closed. Merges and closes
are recorded in the ledger as the repo's track record (see ``agentfleet trust``).
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from agentfleet.core.context import get_context
from agentfleet.core.errors import PermanentError
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.delivery.record import record_review
from agentfleet.forges import Forge, PRState, PullRequest
from agentfleet.forges.factory import open_forge
from agentfleet.forges.local import LocalForge
from agentfleet.store import deliveries

__all__ = ["COMMANDS"]

_repo_option = click.option("-r", "--repo", default=None, help="Fleet repo (default: the only one in the fleet file).")


def _one(name: str | None) -> tuple[RepoConfig, Forge]:
    repos = get_context().repos(name)
    if len(repos) != 1:
        known = ", ".join(r.name for r in repos) or "none"
        raise click.UsageError(f"the fleet file has {len(repos)} repos; pick one with --repo (known: {known})")
    return repos[0], open_forge(get_context(), repos[0])


@contextmanager
def _refusals() -> Iterator[None]:
    """A forge's refusal (not found, draft, already merged) as a clean CLI error."""
    try:
        yield
    except PermanentError as exc:
        raise click.ClickException(str(exc)) from None


def _line(repo: str, pr: PullRequest) -> str:
    state = f"{pr.state.value}{' (draft)' if pr.draft else ''}"
    return f"{repo:<12} #{pr.number:<4} {state:<15} {pr.branch:<40} {pr.title}"


@click.group(name="pr")
def pr_group() -> None:
    """Review agent pull requests: list, show, diff, merge, close."""


@pr_group.command(name="list")
@_repo_option
@click.option("--state", type=click.Choice(["open", "closed", "merged", "all"]), default="open", show_default=True)
def list_cmd(repo: str | None, state: str) -> None:
    """Agent PRs, newest first (every repo unless --repo)."""
    ctx = get_context()
    wanted = None if state == "all" else PRState(state)
    shown = 0
    for config in ctx.repos(repo):
        with _refusals():
            for pr in open_forge(ctx, config).list_prs(wanted):
                click.echo(_line(config.name, pr))
                shown += 1
    if not shown:
        click.echo(f"no {state if state != 'all' else ''} agent pull requests".replace("  ", " "))


@pr_group.command()
@_repo_option
@click.argument("number", type=int)
def show(repo: str | None, number: int) -> None:
    """Title, state, branch, labels and body (root cause, evidence, tests, gate report) of PR NUMBER."""
    config, forge = _one(repo)
    with _refusals():
        pr = forge.get_pr(number)
    click.echo(_line(config.name, pr))
    click.echo(f"url:    {pr.url}\nbranch: {pr.branch} → {pr.base} (head {pr.head_sha[:12]})")
    click.echo(f"labels: {', '.join(pr.labels) or '-'}")
    if pr.merge_sha:
        click.echo(f"merged: {pr.merge_sha}")
    click.echo("")
    click.echo(pr.body)


@pr_group.command()
@_repo_option
@click.argument("number", type=int)
def diff(repo: str | None, number: int) -> None:
    """The unified diff PR NUMBER proposes."""
    _, forge = _one(repo)
    with _refusals():
        click.echo(forge.diff(number), nl=False)


def _review(repo: str | None, number: int, act: Callable[[Forge, int], PullRequest], outcome: str) -> None:
    config, forge = _one(repo)
    with _refusals():
        pr = act(forge, number)
    row = deliveries.by_pr(get_context().store, config.name, number)
    if row is not None:
        record_review(
            get_context().store,
            repo=config.name,
            key=row.key,
            outcome=outcome,
            pr=number,
            actor=f"cli:{getpass.getuser()}",
            merge_sha=pr.merge_sha,
        )
    click.echo(f"{outcome} #{number} ({pr.branch})" + (f" as {pr.merge_sha[:12]}" if pr.merge_sha else ""))
    if outcome == "merged" and isinstance(forge, LocalForge):
        click.echo(f"bring it into your checkout: git pull {forge.bare.path} {forge.default_branch}")


@pr_group.command()
@_repo_option
@click.argument("number", type=int)
def merge(repo: str | None, number: int) -> None:
    """Merge PR NUMBER into the default branch (it must be open and ready)."""
    _review(repo, number, lambda forge, n: forge.merge(n), "merged")


@pr_group.command()
@_repo_option
@click.argument("number", type=int)
def close(repo: str | None, number: int) -> None:
    """Close PR NUMBER without merging it."""
    _review(repo, number, lambda forge, n: forge.close(n), "closed")


COMMANDS: list[Any] = [pr_group]
