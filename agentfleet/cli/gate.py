"""``agentfleet gate``: the verification gate, re-run on a piece of work's patch or on another patch for it.

For an operator asking why a patch was refused, a human's own patch held to the agents' bar, or a reviewer
probing the gate: the pipeline's gate stage itself (fresh sandboxes, the suite before and after, the kind's
checks, the trust phase), with nothing recorded, delivered or filed.
"""

from __future__ import annotations

import getpass
import tempfile
import textwrap
from pathlib import Path
from typing import IO

import click

from agentfleet.contracts import GateDecision, Job, Patch, TrustPhase, Verdict
from agentfleet.contracts.work import WorkItem

__all__ = ["COMMANDS"]

_EVIDENCE_LINES = 12
"""Lines of a failed check's evidence shown (``--markdown`` shows all)."""


def _stored_job(ident: str) -> Job:
    """The latest run of the work ``ident`` names (a key, its short id, or part of one), as the store keeps it."""
    from agentfleet.core.context import get_context
    from agentfleet.store import work
    from agentfleet.store.views import find_keys

    store = get_context().store
    keys = find_keys(store, ident)
    if len(keys) != 1:
        known = f": {', '.join(keys)}" if keys else "; 'agentfleet reports list' shows the ids"
        raise click.BadParameter(f"{ident!r} names {len(keys)} pieces of work{known}", param_hint="ID")
    job = work.load_job(store, keys[0])
    if job is None:
        raise click.BadParameter(f"{keys[0]} has no saved job (it was never claimed)", param_hint="ID")
    return job


def _item_job(source: IO[str]) -> Job:
    """A job for the work item in ``source`` (JSON, as triage writes one: ``kind``, ``repo``, ``base_commit``…)."""
    from pydantic import TypeAdapter, ValidationError

    try:
        item: WorkItem = TypeAdapter(WorkItem).validate_json(source.read())
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'item'}: {e['msg']}" for e in exc.errors()[:5])
        raise click.BadParameter(f"not a work item: {problems}", param_hint="--item") from None
    return Job(item=item)


def _with_patch(job: Job, source: IO[str] | None) -> Job:
    """``job`` carrying the diff read from ``source`` (against its base commit), else its own patch."""
    if source is None:
        if job.patch is None or job.patch.is_empty:
            raise click.UsageError(f"{job.key} carries no patch (its fixer proposed none): give one with --patch")
        return job
    diff = source.read()
    if not diff.strip():
        raise click.BadParameter("the patch is empty", param_hint="--patch")
    author = f"cli:{getpass.getuser()}"
    return job.model_copy(update={"patch": Patch(base_commit=job.item.base_commit, diff=diff, author=author)})


def _at_phase(job: Job, phase: int | None) -> Job:
    """``job`` started at trust ``phase`` (the fleet file's phase for its kind still caps it, as in the pipeline)."""
    if phase is None:
        return job
    return job.model_copy(update={"item": job.item.model_copy(update={"trust_phase": TrustPhase(phase)})})


def _known_repo(name: str) -> None:
    """Refuse work for a repo the fleet file does not name, before any sandbox starts."""
    from agentfleet.core.context import get_context
    from agentfleet.core.errors import ConfigError

    try:
        get_context().repo(name)
    except ConfigError as exc:
        raise click.BadParameter(str(exc), param_hint="the work's repo") from None


def _decide(job: Job) -> GateDecision:
    """The gate's decision on ``job``; what the gate files on its way (tests-first work for a refactor) lands in
    a scratch store that is dropped, and ledger rows it notes are discarded."""
    from agentfleet.core.context import Context, get_context
    from agentfleet.core.errors import AgentfleetError
    from agentfleet.flow.gate.stage import verify
    from agentfleet.store import Store, hops, work

    settings = get_context().settings
    with tempfile.TemporaryDirectory(prefix="agentfleet-gate-") as scratch:
        store = Store(f"sqlite:///{Path(scratch) / 'scratch.db'}")
        try:
            with hops.stage_scope():
                decided = verify(job, Context(settings=settings, store=store)).decision
            filed = [row.key for row in work.rows(store)]
        except AgentfleetError as exc:  # e.g. a base commit the repo does not have: the gate cannot judge
            refused = click.ClickException(f"the gate could not run on {job.key}: {exc}")
            refused.exit_code = 2
            raise refused from None
        finally:
            store.dispose()
    if filed:
        click.echo(f"note: the pipeline's gate would file {', '.join(filed)}; nothing was filed", err=True)
    assert decided is not None  # ``verify`` always decides
    return decided


def _echo_decision(decision: GateDecision) -> None:
    """Verdict, reasons, then each check: passed ones on one line, failed ones with their evidence."""
    click.echo(f"verdict: {decision.verdict.value} (low-risk: {str(decision.low_risk).lower()})")
    for reason in decision.reasons:
        click.echo(f"  - {' '.join(reason.split())}")
    click.echo(f"checks ({len(decision.checks)}):")
    for check in decision.checks:
        click.echo(f"  {'pass' if check.passed else 'FAIL'}  {check.name}: {check.headline}".rstrip(": "))
        if not check.passed:
            shown = check.evidence.splitlines()[1 : 1 + _EVIDENCE_LINES]
            if shown:
                click.echo(textwrap.indent("\n".join(shown), "          "))


@click.command("gate")
@click.argument("ident", metavar="[ID]", required=False)
@click.option(
    "--item",
    "item_file",
    type=click.File("r"),
    help="A work item as JSON (instead of ID): kind, repo, base_commit, fingerprint and the kind's fields.",
)
@click.option(
    "--patch",
    "patch_file",
    type=click.File("r"),
    help="A unified diff against the work's base commit ('-' reads stdin). Default: the work's own patch.",
)
@click.option(
    "--phase", type=click.IntRange(1, 4), default=None, help="Decide at this trust phase (capped by the fleet file's)."
)
@click.option("--markdown", is_flag=True, help="Print the gate report a PR body carries (every check's evidence).")
def gate_command(
    ident: str | None, item_file: IO[str] | None, patch_file: IO[str] | None, phase: int | None, markdown: bool
) -> None:
    """Re-run the verification gate on the patch of work ID (from 'agentfleet reports list'), or on --patch.

    The gate runs as the pipeline's gate stage does: the patch applied to the work's base commit, the review,
    the suite before and after in fresh sandboxes, the kind's own checks, then the trust phase. Nothing is
    recorded, delivered or filed. Exits 0 when the gate lets the patch go on (a report at phase 1), 1 when it
    refuses it, 2 on bad input.

    \b
    agentfleet gate checkout:fix_error:3f2a                  # why was the agent's patch refused?
    git diff BASE | agentfleet gate 3f2a --patch -            # my own fix, held to the same bar
    agentfleet gate --item item.json --patch fix.diff --phase 4
    """
    if (ident is None) == (item_file is None):
        raise click.UsageError("give the work's ID or --item FILE (one of them)")
    job = _stored_job(ident) if ident is not None else _item_job(item_file)  # type: ignore[arg-type]
    job = _at_phase(_with_patch(job, patch_file), phase)
    _known_repo(job.item.repo)
    click.echo(f"verifying {job.key} at {job.item.base_commit[:12]} (the suite runs in fresh sandboxes)…", err=True)
    decision = _decide(job)
    if markdown:
        from agentfleet.flow.delivery.report import gate_markdown

        click.echo(gate_markdown(decision), nl=False)
    else:
        _echo_decision(decision)
    if decision.verdict is Verdict.REJECT:
        raise SystemExit(1)


COMMANDS = [gate_command]
