"""The gate's test runs: each in a fresh sandbox, from the base commit plus exactly the part of the patch
it needs, several at once.

A ``Run`` names the changed paths it takes from the patch and any file the gate writes itself (the
investigation's regression test); the tree is built host-side from the blobs git applied
(``PatchSet.commit``), so no run sees another's files, processes or ``/tmp``. A sandbox whose
environment cannot be prepared (the repo's ``setup`` fails on the patched dependency files) yields a
run with that problem, reported by the ``prepares`` check.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from agentfleet.core.context import Context
from agentfleet.core.errors import PermanentError
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.gate import basecache
from agentfleet.flow.gate.patchset import PatchSet
from agentfleet.flow.gate.pytest_report import Request, RunReport, run_tests
from agentfleet.sandboxes.factory import open_sandbox

__all__ = ["PREPARE_FAILED", "Run", "run_all"]

log = logging.getLogger(__name__)

PREPARE_FAILED = "the sandbox could not be prepared for the run"
"""How a run's ``problem`` starts when ``open_sandbox`` failed (the ``prepares`` check looks for it)."""


@dataclass(frozen=True)
class Run:
    """One test run: its label, what it executes, and which part of the patch its tree holds."""

    label: str
    request: Request
    paths: tuple[str, ...] = ()
    """Changed paths of the patch applied on top of the base commit."""
    extra: Mapping[str, str] = field(default_factory=dict)
    """Files (path → text) the gate writes itself, on top of the patch's part."""
    depends: str | None = None
    """Label of a run whose outcome decides what this one runs (``refine``)."""
    refine: Callable[[RunReport], Request | None] | None = None
    """What to run given the ``depends`` run's outcome (``None``: nothing worth running)."""
    attempt: int = 0
    """Which re-run of the same request on the same tree this is (``flaky``): each is a sample of its own."""


def _execute(ctx: Context, repo: RepoConfig, commit: str, run: Run, base: str) -> RunReport:
    """``run`` in a fresh sandbox on ``commit`` — or its cached outcome when it holds nothing of the patch
    (its tree is then the ``base`` commit plus the gate's own files)."""
    key = basecache.cache_key(ctx, repo, base, run.request, run.extra, run.attempt) if not run.paths else None
    if key is not None and (cached := basecache.load(ctx, key, run.label)) is not None:
        log.info(
            "gate run label=%r repo=%s %s (cached: nothing of the patch in it)", run.label, repo.name, cached.summary()
        )
        return cached
    result = _fresh(ctx, repo, commit, run)
    if key is not None:
        basecache.store(ctx, key, result)
    return result


def _fresh(ctx: Context, repo: RepoConfig, commit: str, run: Run) -> RunReport:
    started = time.monotonic()
    try:
        with open_sandbox(ctx, repo, commit) as box:
            result = run_tests(box, run.label, run.request, repo.gate.test_timeout_s)
    except PermanentError as exc:  # the tree cannot be run (prepare failed, spec not writable): no outcome
        problem = f"{PREPARE_FAILED}: {str(exc)[-1500:]}"
        return RunReport(run.label, run.request.describe(), run.request.mode, problem=problem)
    log.info(
        "gate run label=%r repo=%s %s in %.1fs", run.label, repo.name, result.summary(), time.monotonic() - started
    )
    return result


def _after(ctx: Context, repo: RepoConfig, commit: str, run: Run, first: Future[RunReport], base: str) -> RunReport:
    """``run`` refined by the outcome of the run it depends on (submitted earlier, so never starved)."""
    assert run.refine is not None
    request = run.refine(first.result())
    if request is None:
        return RunReport(run.label, "not run", run.request.mode, problem=f"not run: nothing to run after {run.depends}")
    return _execute(ctx, repo, commit, Run(run.label, request, run.paths, run.extra), base)


def _order(runs: list[Run]) -> list[Run]:
    """Runs others depend on first (they are on the critical path), dependent runs last."""
    needed = {run.depends for run in runs}
    return sorted(runs, key=lambda run: (run.depends is not None, run.label not in needed))


Tree = tuple[tuple[str, ...], tuple[tuple[str, str], ...]]


def _tree(run: Run) -> Tree:
    return tuple(sorted(run.paths)), tuple(sorted(run.extra.items()))


def run_all(ctx: Context, repo: RepoConfig, patchset: PatchSet, runs: list[Run]) -> dict[str, RunReport]:
    """Every run's outcome by label, ``repo.gate.parallel_runs`` at a time (dependent runs last); runs on the
    same tree share its commit (each still gets its own fresh sandbox)."""
    runs = _order(runs)
    commits: dict[Tree, str] = {}
    for tree in map(_tree, runs):
        if tree not in commits:
            commits[tree] = patchset.commit(tree[0], dict(tree[1]))
    workers = max(1, min(repo.gate.parallel_runs, len(runs)))
    futures: dict[str, Future[RunReport]] = {}
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="gate-run") as pool:
        for run in runs:
            commit = commits[_tree(run)]
            if run.depends is None:
                futures[run.label] = pool.submit(_execute, ctx, repo, commit, run, patchset.base)
            else:
                first = futures[run.depends]
                futures[run.label] = pool.submit(_after, ctx, repo, commit, run, first, patchset.base)
        return {label: future.result() for label, future in futures.items()}
