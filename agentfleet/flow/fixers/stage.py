"""The fix stage: try the fixers configured for a job's kind, each in a fresh sandbox, until one patches."""

from __future__ import annotations

import logging
import time

from agentfleet.contracts import Job, NoFix, Patch, WorkKind
from agentfleet.core.context import Context
from agentfleet.core.diffs import new_file_diff
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.registry import resolve
from agentfleet.flow.fixers import FIXERS, FixerFactory, needs_sandbox
from agentfleet.flow.kinds import kind_of
from agentfleet.sandboxes.factory import open_sandbox
from agentfleet.store import ledger

__all__ = ["fix", "fixers_for"]

log = logging.getLogger(__name__)


def fixers_for(kind: WorkKind, repo: RepoConfig, ctx: Context) -> list[str]:
    """Fixer names to try for ``kind`` on ``repo``, in order (the repo's ``[repos.fixers]``, else the
    work-kind table's); ``agent`` only when a model is configured."""
    names = repo.fixers.of(kind) or list(kind_of(kind).fixers)
    if ctx.settings.model.provider == "none":
        names = [n for n in names if n != "agent"]
    return names


def _attempt(ctx: Context, repo: RepoConfig, job: Job, name: str) -> Patch | NoFix:
    """Run fixer ``name`` in its own sandbox and record the attempt in the ledger.

    When the investigation wrote a reproducing test, the sandbox starts with it and the patch carries it:
    it is the proof the gate runs (fails before the fix, passes after).
    """
    factory: FixerFactory = resolve(FIXERS, name, "fixer")
    fixer = factory(ctx)
    started = time.monotonic()
    seed = job.report.regression_test if job.report is not None else None
    if not needs_sandbox(fixer):
        outcome = fixer.run(job, None)  # type: ignore[arg-type]  # declared sandbox-free
    else:
        with open_sandbox(ctx, repo, job.item.base_commit) as box:
            if seed is not None:  # the investigation's reproducing test: every fixer starts from a failing test
                box.write(seed.path, seed.content)
            outcome = fixer.run(job, box)
    if seed is not None and isinstance(outcome, Patch) and not outcome.is_empty and seed.path not in outcome.files:
        outcome = outcome.model_copy(
            update={"diff": outcome.diff + new_file_diff(seed.path, seed.content), "files": (*outcome.files, seed.path)}
        )
    patched = isinstance(outcome, Patch) and not outcome.is_empty
    ledger.note(  # with the fix stage's outcome, in one transaction, when a stage runner collects
        ctx.store,
        stage=f"fix:{name}",
        outcome=ledger.Outcome.PATCH if patched else ledger.Outcome.NO_FIX,
        repo=repo.name,
        key=job.key,
        duration_ms=int((time.monotonic() - started) * 1000),
        outputs={"files": list(outcome.files)} if isinstance(outcome, Patch) else {"reason": outcome.reason},
    )
    return outcome


def fix(job: Job, ctx: Context) -> Job:
    """The job with a ``patch`` from the first fixer that produced one, or a ``no_fix`` saying what was tried."""
    kind = WorkKind(job.item.kind)
    repo = ctx.repo(job.item.repo)
    names = fixers_for(kind, repo, ctx)
    if not names:
        reason = f"no fixer configured for {kind.value} (the agent fixer needs AGENTFLEET_MODEL__PROVIDER)"
        return job.model_copy(update={"no_fix": NoFix(author="none", reason=reason)})
    misses: list[NoFix] = []
    for name in names:
        outcome = _attempt(ctx, repo, job, name)
        if isinstance(outcome, Patch) and not outcome.is_empty:
            log.info("fix key=%s fixer=%s files=%d", job.key, name, len(outcome.files))
            return job.model_copy(update={"patch": outcome})
        misses.append(outcome if isinstance(outcome, NoFix) else NoFix(author=name, reason="empty patch"))
    no_fix = NoFix(
        author="+".join(names),
        reason="; ".join(f"{m.author}: {m.reason}" for m in misses),
        learned="\n\n".join(f"### {m.author}\n{m.learned}" for m in misses if m.learned),
        attempts=sum(m.attempts for m in misses),
        trajectory_id=next((m.trajectory_id for m in misses if m.trajectory_id), None),
    )
    return job.model_copy(update={"no_fix": no_fix})
