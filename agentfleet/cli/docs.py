"""``agentfleet docs-drift``: audit any git repository's history for docs drift, without a fleet file."""

from __future__ import annotations

import json

import click

__all__ = ["COMMANDS"]


@click.command("docs-drift")
@click.argument("path", type=click.Path(exists=True, file_okay=False))
@click.option("--base", required=True, help="The range starts after this commit (a SHA, tag or ref like HEAD~5).")
@click.option("--head", default="HEAD", show_default=True, help="The range ends at this commit.")
@click.option(
    "--package", "packages", multiple=True, help="A public package (repeat); default: found at the root or src/."
)
@click.option("--style", type=click.Choice(["auto", "google", "numpy", "sphinx"]), default="auto", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print each finding's evidence as JSON lines.")
@click.option("--changes", "show_changes", is_flag=True, help="First list every public API change found, one a line.")
def docs_drift(
    path: str, base: str, head: str, packages: tuple[str, ...], style: str, as_json: bool, show_changes: bool
) -> None:
    """Audit PATH from BASE to HEAD: public API changes whose docs did not follow (static: nothing from the
    repository is imported or run; nothing is recorded)."""
    from agentfleet.core.errors import ConfigError
    from agentfleet.core.git import commit_sha
    from agentfleet.flow.monitors.docs_drift.audit import audit
    from agentfleet.flow.monitors.docs_drift.config import DocsConfig
    from agentfleet.flow.monitors.docs_drift.describe import describe_change
    from agentfleet.flow.monitors.docs_drift.findings import evidence_of, finding_for
    from agentfleet.flow.monitors.docs_drift.table import docs_table

    shas = [commit_sha(ref, path) for ref in (base, head)]
    if None in shas:
        raise ConfigError(f"{base if shas[0] is None else head!r} is not a commit in {path}")
    report = audit(path, shas[0] or "", shas[1] or "", DocsConfig(packages=list(packages), style=style))  # type: ignore[arg-type]
    evidence = evidence_of(report)
    for change in report.changes if show_changes else ():
        click.echo(f"change  {describe_change(change)}")
    if as_json:
        for item in evidence:
            click.echo(json.dumps(item.model_dump(mode="json"), sort_keys=True))
    else:
        found = [finding_for(e, "repo", report.head) for e in evidence]
        click.echo(docs_table(found) if found else "no docs drift")
        click.echo(f"{len(report.changes)} API change(s), {len(found)} finding(s) in {report.seconds:.1f}s", err=True)
    for problem in report.problems:
        click.echo(f"problem: {problem}", err=True)


COMMANDS = [docs_drift]
