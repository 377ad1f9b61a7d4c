"""``agentfleet reports list|show``: every report, rejection and failure — work that left no pull request.

At phase 1, and whenever the gate rejects or no fixer finds a fix, the fleet's answer is not in
``pr list``: it is here, with its reasons, read back from the store (a report file, when one was
written, is named too).
"""

from __future__ import annotations

from datetime import datetime

import click

from agentfleet.contracts import WorkKind, short_fingerprint
from agentfleet.core.context import Context, get_context
from agentfleet.core.errors import ConfigError
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.delivery.outcome import REPORT_RESULTS, Outcome, outcome_of, outcomes
from agentfleet.flow.delivery.report import job_markdown
from agentfleet.store.views import find_keys, work_row, work_rows

from .ledger import since_option

__all__ = ["COMMANDS"]

_FINISHED = ("done", "failed")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def _repo_config(ctx: Context, name: str) -> RepoConfig | None:
    try:
        return ctx.repo(name)
    except ConfigError:  # the repo left the fleet file (or the file is broken): the report still renders
        return None


@click.group(name="reports")
def reports_group() -> None:
    """Reports, rejections and failures: what the fleet did that left no pull request, and why."""


@reports_group.command(name="list")
@click.option("-r", "--repo", default=None, help="Only this repo.")
@since_option
@click.option(
    "--result",
    "results",
    type=click.Choice(REPORT_RESULTS),
    multiple=True,
    help="Only these results (repeat for several; default: all of them).",
)
@click.option("-n", "--limit", default=50, show_default=True)
def list_cmd(repo: str | None, since: datetime | None, results: tuple[str, ...], limit: int) -> None:
    """Newest first: id, when, repo, kind, result and the reasons (``reports show ID`` for the whole report)."""
    ctx = get_context()
    rows = work_rows(
        ctx.store, repo=repo, states=_FINISHED, exclude_kinds=(WorkKind.HEARTBEAT.value,), since=since, limit=limit * 4
    )
    found = outcomes(ctx.store, rows, results or REPORT_RESULTS)[:limit]
    if not found:
        click.echo("no reports, rejections or failures" + (" since then" if since else ""))
        return
    click.echo(f"{'id':<12}  {'when (UTC)':<16}  {'repo':<12} {'kind':<19} {'result':<9} reasons")
    for item in found:
        click.echo(
            f"{short_fingerprint(item.job.item.fingerprint)}  {item.at:%Y-%m-%d %H:%M}  {item.repo:<12} "
            f"{item.kind:<19} {item.result:<9} {_clip(item.summary, 110)}"
        )


def _header(item: Outcome, report_file: str | None) -> list[str]:
    lines = [f"key:     {item.key}", f"result:  {item.result}" + (f" (gate: {item.verdict})" if item.verdict else "")]
    lines += [f"when:    {item.at:%Y-%m-%d %H:%M:%S} UTC", "reasons:"]
    lines += [f"  - {' '.join(r.split())}" for r in item.reasons] or ["  -"]
    if item.pr is not None:
        lines.append(f"pull request: #{item.pr} {item.url or ''}")
    lines.append(f"report file: {report_file or 'none written (the report below is rendered from the store)'}")
    return lines


@reports_group.command()
@click.argument("ident", metavar="ID")
def show(ident: str) -> None:
    """The whole report of ID (from ``reports list``, a key, or part of one): reasons, gate report, diff."""
    from agentfleet.flow.delivery.stage import report_path

    ctx = get_context()
    keys = find_keys(ctx.store, ident)
    if len(keys) != 1:
        known = f": {', '.join(keys)}" if keys else "; run 'agentfleet reports list' for the ids"
        raise click.ClickException(f"{ident!r} names {len(keys)} pieces of work{known}")
    row = work_row(ctx.store, keys[0])
    assert row is not None  # find_keys returned it
    item = outcome_of(ctx.store, row)
    path = report_path(ctx, item.job)
    click.echo("\n".join(_header(item, str(path) if path.is_file() else None)))
    click.echo("")
    click.echo(job_markdown(item.job, _repo_config(ctx, item.repo)), nl=False)


COMMANDS = [reports_group]
