"""``behaviour_preserved``: the refactor gate's sandbox proof that the code does what it did.

1. ``changed_lines_covered``: at the base commit, in a fresh sandbox, the existing suite runs under coverage;
   the executable lines the patch changes must be run by it (``[repos.quality] min_covered``). When they are
   not, the check fails and the gate files ``expand_tests`` work for them through triage (``tests_first``):
   tests before refactoring.
2. ``differential_tests``: in that same sandbox the suite runs once more under a call recorder (``suite_calls``:
   the plain-data arguments its tests pass each changed function), then the characterisation writer records what
   each changed function does now (those calls replayed first, then its own calls with literal arguments; their
   results as assertions, compared exactly: value and type, ``refactor_exact``; an exception's class and message;
   then calls of rare inputs derived from those, ``arg_variants``), kept when they pass twice at the base;
   then a gate run (``runs``: a fresh sandbox, the patch and that file) must pass each of them unchanged, as
   its signed per-test report (``pytest_report``) says: code the patch brings cannot rewrite what ran or passed,
   and an incomplete report fails the check.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from agentfleet.analysis.functions import FunctionSpan, functions_in
from agentfleet.contracts import Check, Job, Refactor
from agentfleet.core.context import Context
from agentfleet.core.errors import PermanentError
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.fixers.tests.characterise import Target, characterise
from agentfleet.flow.fixers.tests.curate import stable
from agentfleet.flow.fixers.tests.placement import test_path
from agentfleet.flow.fixers.tests.sources import existing_tests
from agentfleet.flow.fixers.tests.suite_calls import suite_calls
from agentfleet.flow.gate.checks.refactor_exact import exact_results
from agentfleet.flow.gate.checks.refactor_pins import pinning_tests
from agentfleet.flow.gate.checks.tests_first import Uncovered, file_expand_tests
from agentfleet.flow.gate.diffview import DiffView
from agentfleet.flow.gate.patchset import PatchSet
from agentfleet.flow.gate.pytest_report import Request, import_mode, pytest_args, repo_addopts
from agentfleet.flow.gate.runs import Run, run_all
from agentfleet.flow.investigation.source import SourceRepo
from agentfleet.flow.monitors.coverage import measure as probe
from agentfleet.sandboxes import Sandbox
from agentfleet.sandboxes.factory import open_sandbox, repo_mirror

__all__ = ["behaviour_preserved"]

log = logging.getLogger(__name__)

_MEMORY = 2 << 30
_FILE = "test_agentfleet_differential.py"
_LABEL = "differential tests after"
_RARE = 48
"""Calls of rare inputs per changed function, derived from the replayed and generated ones (``arg_variants``)."""


@dataclass
class _Base:
    """What the base sandbox showed: the changed lines, which the suite runs, the differential tests."""

    changed: dict[str, set[int]] = field(default_factory=dict)
    missing: dict[str, set[int]] = field(default_factory=dict)
    suite_runs: dict[str, set[int]] = field(default_factory=dict)
    """Changed executable lines the suite runs at the base commit."""
    executable: int = 0
    red: list[str] = field(default_factory=list)
    tests: str | None = None
    kept: list[str] = field(default_factory=list)
    per_function: dict[str, int] = field(default_factory=dict)
    """Kept tests that pin each changed function's behaviour (a value, an exception, state), not only a type."""
    unpinned: dict[str, set[int]] = field(default_factory=dict)
    """Changed lines the suite runs but no pinning differential test does: what they do is not compared."""
    type_only: int = 0
    notes: list[str] = field(default_factory=list)
    dest: str = _FILE


def _changed(view: DiffView) -> dict[str, set[int]]:
    """Base-side lines the patch removes or rewrites, per file (an insertion counts the line before it)."""
    found: dict[str, set[int]] = {}
    for f in view.files:
        lines = {n for n, _ in f.removed if n}
        found[f.path] = lines
    return found


def _functions(before: dict[str, str | None], after: dict[str, str | None]) -> dict[str, list[FunctionSpan]]:
    """Per file, the functions of the base commit whose text the patch changes (helpers it adds are new)."""
    found: dict[str, list[FunctionSpan]] = {}
    for path, text in before.items():
        if not path.endswith(".py") or text is None:
            continue
        # (name, text) pairs: a property's getter and setter share a qualified name, and neither is changed
        now = {(s.qualname, s.source_hash) for s in functions_in(after.get(path) or "")}
        found[path] = [s for s in functions_in(text) if (s.qualname, s.source_hash) not in now]
    return found


def _coverage(box: Sandbox, repo: RepoConfig, found: _Base) -> None:
    conf = repo.coverage
    suite = probe.measure(
        box,
        probe.pytest_args(repo.test),
        paths=sorted(found.changed),
        test_timeout=conf.test_timeout_s,
        timeout=repo.gate.test_timeout_s,
        timeout_setting=f"test_timeout_s in [repos.gate] of repo {repo.name!r}",
        memory_bytes=_MEMORY,
    )
    if suite.red:
        found.red = suite.failing[:10] or [f"pytest exit {suite.exit}"]
    for path, lines in found.changed.items():
        cov = suite.files.get(path)
        executable = lines & cov.statements if cov is not None else set()
        found.executable += len(executable)
        if cov is not None and executable & cov.missing:
            found.missing[path] = executable & cov.missing
        if executable - found.missing.get(path, set()):
            found.suite_runs[path] = executable - found.missing.get(path, set())


def _differential(
    ctx: Context, repo: RepoConfig, job: Job, box: Sandbox, spans: dict[str, list[FunctionSpan]], found: _Base
) -> None:
    files = SourceRepo(repo_mirror(ctx, repo).path).files(job.item.base_commit)
    sources = existing_tests(files, box)
    targets = [Target(path, s.qualname) for path, listed in spans.items() for s in listed]
    texts = {path: box.read(path) for path, listed in spans.items() if listed}
    seeds = suite_calls(
        box,
        targets,
        {t: texts[t.path] for t in targets},
        probe.pytest_args(repo.test),
        timeout=repo.gate.test_timeout_s,
    )
    made = characterise(
        box,
        targets,
        sources,
        max_calls=repo.quality.max_calls,
        timeout=min(repo.coverage.test_timeout_s, 5.0),
        seeds=seeds,
        rare=_RARE,
        messages=True,
    )
    found.notes = made.notes
    if made.source is None:
        return
    first = next(iter(spans), "")
    found.dest = str(PurePosixPath(test_path(files, first, sources)).parent / _FILE).removeprefix("./")
    exact = exact_results(made.source)
    box.write(found.dest, exact)
    pinning = pinning_tests(made.source)
    try:
        stability = stable(box, [found.dest], 2, repo.coverage.test_timeout_s, seed=len(made.source))
        found.tests, found.kept = exact, sorted(stability.kept)
        _pinned_lines(box, repo, found, [k for k in found.kept if k.rpartition("::")[2] in pinning])
    finally:
        box.run(["rm", "-f", "--", found.dest], timeout=30)
    names = [k.rpartition("::")[2] for k in found.kept]
    found.type_only = sum(1 for n in names if n not in pinning)
    for t in targets:
        stem = f"test_{t.qualname.replace('.', '_')}_"
        found.per_function[f"{t.path}::{t.qualname}"] = sum(1 for n in names if n.startswith(stem) and n in pinning)


def _pinned_lines(box: Sandbox, repo: RepoConfig, found: _Base, pinned: list[str]) -> None:
    """Record the changed lines the suite runs that none of the ``pinned`` differential tests runs (at the base
    commit: no code of the patch is in the sandbox)."""
    if not pinned:
        return  # reported per function: "no differential test for ..."
    ran = probe.measure(
        box,
        pinned,
        paths=sorted(found.suite_runs),
        test_timeout=repo.coverage.test_timeout_s,
        timeout=repo.gate.test_timeout_s,
        timeout_setting=f"test_timeout_s in [repos.gate] of repo {repo.name!r}",
        memory_bytes=_MEMORY,
    )
    for path, lines in found.suite_runs.items():
        cov = ran.files.get(path)
        not_run = lines & cov.missing if cov is not None else lines
        if not_run:
            found.unpinned[path] = not_run


def _at_base(ctx: Context, repo: RepoConfig, job: Job, view: DiffView, spans: dict[str, list[FunctionSpan]]) -> _Base:
    found = _Base(changed=_changed(view))
    with open_sandbox(ctx, repo, job.item.base_commit) as box:
        try:
            _coverage(box, repo, found)
            if not found.red:
                _differential(ctx, repo, job, box, spans, found)
        finally:
            probe.remove_scratch(box)
    return found


def _after(ctx: Context, repo: RepoConfig, job: Job, found: _Base) -> tuple[list[str], list[str], str | None]:
    """(passing, failing, why the run cannot be trusted) of the kept differential tests on the patched code.

    A gate run (``runs``): a fresh sandbox holding the base commit, the patch and the gate's test file; each
    test's outcome comes from the gate's signed report, which the patched code cannot rewrite.
    """
    assert job.patch is not None
    assert found.tests is not None
    mirror = repo_mirror(ctx, repo)
    patchset = PatchSet.apply(
        mirror.path, mirror.resolve(job.patch.base_commit), job.patch.diff, repo.gate.max_file_bytes
    )
    request = Request("pytest", pytest_args([found.dest], addopts=import_mode(repo_addopts(patchset.base_text))))
    run = Run(_LABEL, request, tuple(sorted(patchset.files)), {found.dest: found.tests})
    ran = run_all(ctx, repo, patchset, [run])[_LABEL]
    outcomes = {_within(t): r.outcome for t, r in ran.tests.items() if t.partition("::")[0].endswith(_FILE)}
    passing = [t for t in found.kept if ran.complete and outcomes.get(_within(t)) == "passed"]
    return passing, [t for t in found.kept if t not in passing], ran.problem


def _within(test: str) -> str:
    """A test id without its file part: the base run's probe and the gate's run may root paths differently."""
    return test.partition("::")[2]


def _covered_check(repo: RepoConfig, found: _Base, filed: list[str]) -> Check:
    missing = sum(len(v) for v in found.missing.values())
    share = (found.executable - missing) / found.executable if found.executable else 1.0
    lines = [
        f"the existing suite runs {found.executable - missing}/{found.executable} changed executable line(s) "
        f"at the base commit ({share:.0%}; min_covered={repo.quality.min_covered:g})"
    ]
    if found.red:
        lines[0] = "the suite fails at the base commit: nothing can be shown (" + ", ".join(found.red) + ")"
    lines += [f"not run: {p} lines {sorted(v)}" for p, v in found.missing.items()]
    lines += [f"tests first: filed {key}" for key in filed]
    return Check(
        name="changed_lines_covered",
        passed=not found.red and share >= repo.quality.min_covered,
        evidence="\n".join(lines),
    )


def _differential_check(
    repo: RepoConfig, found: _Base, passing: list[str], failing: list[str], problem: str | None
) -> Check:
    bare = [f for f, n in found.per_function.items() if not n] or ([] if found.kept else ["every changed function"])
    lines = [
        f"{len(found.kept)} differential test(s) generated at the base commit for "
        f"{len(found.per_function)} changed function(s); {len(passing)}/{len(found.kept)} pass on the refactored code"
    ]
    if found.type_only:
        lines.append(
            f"{found.type_only} of them check only the result's type (a generator or an object no literal shows): "
            "not counted as evidence"
        )
    if problem is not None:
        lines.append(f"the gate's run on the refactored code is not complete: {problem}")
    else:
        lines += [f"changed behaviour: {t}" for t in failing[:15]]
    lines += [f"no differential test for {f}" for f in bare]
    lines += [f"no differential test runs {p} lines {sorted(v)}" for p, v in found.unpinned.items()]
    lines += [f"writer: {n}" for n in found.notes[:10]]
    policy = repo.quality.differential
    unproven = (bool(bare) and policy != "prefer") or (bool(found.unpinned) and policy == "every_line")
    ok = problem is None and not failing and not unproven
    return Check(name="differential_tests", passed=ok, evidence="\n".join(lines))


def behaviour_preserved(job: Job, ctx: Context, repo: RepoConfig, view: DiffView) -> list[Check]:
    """Changed lines covered at the base (else tests first), then differential tests from the base pass after."""
    item = job.item
    if not isinstance(item, Refactor) or job.patch is None:
        return [Check(name="behaviour_preserved", passed=False, evidence="not refactor work with a patch")]
    try:
        before, after = view.before, view.after
        spans = _functions(before, after)
        found = _at_base(ctx, repo, job, view, spans)
        filed = []
        if found.missing and not found.red:
            gaps = [
                Uncovered(p, s, sorted(n for n in lines if s.def_line < n <= s.end))
                for p, lines in found.missing.items()
                for s in spans.get(p, [])
            ]
            filed = file_expand_tests(ctx, repo, job, [g for g in gaps if g.lines])
        covered = _covered_check(repo, found, filed)
        if not covered.passed:
            return [covered]
        passing, failing, problem = _after(ctx, repo, job, found) if found.tests is not None else ([], [], None)
    except PermanentError as exc:
        return [Check(name="behaviour_preserved", passed=False, evidence=f"could not measure: {str(exc)[-1500:]}")]
    return [covered, _differential_check(repo, found, passing, failing, problem)]
