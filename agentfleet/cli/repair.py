"""``agentfleet repair``: the offline repair engine on any git repository, without a fleet file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from agentfleet.flow.fixers.repair.engine import RepairResult

__all__ = ["COMMANDS"]


def _name(path: Path) -> str:
    """A repository name the fleet would accept, from the directory's."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", path.name).strip("-._")[:64] or "repo"


def _ranked(result: RepairResult) -> None:
    """Every plausible patch, best first: where, which family, and the lines it changes (stderr)."""
    from agentfleet.core.diffs import changed_lines

    for n, patch in enumerate(result.patches, 1):
        c = patch.candidate
        changed = " | ".join(changed_lines(patch.diff))
        click.echo(f"  {n}. {c.path}:{c.line} {c.template} (tier {c.tier}): {changed}", err=True)


def _still_failing(tests: list[str], sha: str) -> None:
    """Say which tests outside the ones repaired already failed, and so were not held against the patch."""
    shown = ", ".join(tests[:5]) + (f", … ({len(tests)} in all)" if len(tests) > 5 else "")
    click.echo(
        f"note: {len(tests)} test(s) outside --tests already failed at {sha[:12]}; the patch need not fix them: "
        f"{shown}",
        err=True,
    )


@click.command("repair")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--commit", default="HEAD", show_default=True, help="The commit to repair (a SHA, tag or ref).")
@click.option("--test", "test_command", default="python -m pytest -q", show_default=True, help="The test command.")
@click.option("--setup", default=None, help="Run once in the sandbox before the tests (e.g. 'pip install -e .').")
@click.option(
    "--tests",
    "tests",
    multiple=True,
    help="The tests to fix (repeat; pytest node ids or paths). Default: the tests the test command selects.",
)
@click.option(
    "--budget", type=click.FloatRange(min=1), default=None, help="Seconds of search (AGENTFLEET_REPAIR__BUDGET_S)."
)
@click.option("--all", "show_all", is_flag=True, help="Also list every plausible patch, best first (stderr).")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the patch here, not stdout.")
def repair_command(
    path: Path,
    commit: str,
    test_command: str,
    setup: str | None,
    tests: tuple[str, ...],
    budget: float | None,
    show_all: bool,
    output: Path | None,
) -> None:
    """Fix the failing tests of the git repository at PATH offline (no model, no network): print the best patch.

    The suite runs in sandboxes (AGENTFLEET_SANDBOX__BACKEND: Docker or bubblewrap) on COMMIT as committed;
    a patch is printed only when the failing tests pass with it and so does every other test of the suite
    (for `pytest ARGS` commands, the tests ARGS select). Tests outside --tests that already fail at COMMIT
    may go on failing; they are listed. The patch is a unified diff for `git apply`. Exits 1 when no patch
    was found, saying why. Nothing is recorded.
    """
    from agentfleet.core.context import get_context
    from agentfleet.core.errors import ConfigError
    from agentfleet.core.fleet import RepoConfig
    from agentfleet.core.git import commit_sha, git
    from agentfleet.flow.fixers.repair.boxes import sandboxes
    from agentfleet.flow.fixers.repair.engine import RepairRequest, repair

    location = path.resolve()
    sha = commit_sha(commit, str(location))
    if sha is None:
        raise ConfigError(f"{commit!r} is not a commit in {location} (is it a git repository with a commit?)")
    if git("status", "--porcelain", "--untracked-files=no", cwd=location).strip():
        click.echo(f"note: uncommitted changes in {location} are not seen; repairing {sha[:12]}", err=True)
    ctx = get_context()
    config = ctx.settings.repair if budget is None else ctx.settings.repair.model_copy(update={"budget_s": budget})
    repo = RepoConfig(name=_name(location), location=str(location), test=test_command, setup=setup)
    click.echo(
        f"repairing {location} at {sha[:12]}: {config.workers} sandboxes, {config.budget_s:.0f} s budget", err=True
    )
    with sandboxes(ctx, repo, sha, config.workers) as boxes:
        result = repair(boxes, RepairRequest(test_command=test_command, tests=list(tests)), config)
    search = result.search
    failing = f"{len(result.failing)} failing test(s)"
    click.echo(
        f"{failing}; {search.tried} candidate(s) run, {len(result.patches)} plausible, {result.seconds:.1f} s", err=True
    )
    if result.still_failing:
        _still_failing(result.still_failing, sha)
    if show_all:
        _ranked(result)
    best = result.best
    if best is None:
        raise click.ClickException(f"no patch: {result.reason}")
    click.echo(f"best: {best.candidate.path}:{best.candidate.line} {best.candidate.template}", err=True)
    if output is None:
        click.echo(best.diff, nl=not best.diff.endswith("\n"))
    else:
        output.write_text(best.diff)
        click.echo(f"patch written to {output} (apply it with: git -C {location} apply {output.resolve()})", err=True)


COMMANDS = [repair_command]
