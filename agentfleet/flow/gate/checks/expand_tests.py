"""The ``expand_tests`` gate checks: tests only, stable, covering the target, killing mutants, cheap.

``tests_only`` and ``tests_assert`` (every new test asserts something: ``analysis.silent_tests``, the counts
``tests_not_weakened`` reads) need the diff alone. ``expand_tests`` opens a fresh sandbox at the base commit,
applies the patch and measures everything itself (plain pytest + coverage through the coverage probe; each check is a
small function of one measurement, so it can read the shared per-test report when the gate has one):

- ``new_tests_stable``: the files with new tests pass ``runs`` times, each a fresh process in a random order,
  with no side effects;
- ``covers_target``: the whole suite under coverage; target lines and branches covered by the old tests
  (before) and by all (after) must reach ``min_diff_coverage``;
- ``kills_mutants``: the repair templates as mutation operators on the target lines; the new tests must kill
  ``min_new_kills`` mutants the old tests that run those lines do not (a mutant that makes a function answer
  ``None`` by falling off its end is not counted: any look at the result kills it);
- ``each_test_kills``: each new test that runs the target lines kills one of those mutants on its own — a test
  that no change to the target can fail checks nothing about it (``f(x) == f(x)``, ``approx(8.0, abs=10)``,
  ``assert r == 8.0 or r``), however strong the test beside it;
- ``added_time``: the new tests' time (slowest run) within ``max_added_seconds``.
"""

from __future__ import annotations

import ast
import re

from agentfleet.analysis import is_test_file, silent_tests
from agentfleet.contracts import Check, ExpandTests, Job
from agentfleet.core.context import Context
from agentfleet.core.errors import PermanentError
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.fixers.tests.curate import Stability, Targets, stable
from agentfleet.flow.fixers.tests.mutants import killed, kills_by_test, mutants_at
from agentfleet.flow.gate.config import GateConfig
from agentfleet.flow.gate.diffview import DiffView
from agentfleet.flow.monitors.coverage.measure import FileCoverage, Measurement, measure, pytest_args, remove_scratch
from agentfleet.sandboxes import Sandbox
from agentfleet.sandboxes.factory import open_sandbox

__all__ = [
    "added_time",
    "covers_target",
    "each_test_kills",
    "expand_tests",
    "kills_mutants",
    "low_risk",
    "new_tests_stable",
    "tests_assert",
    "tests_only",
]

_NEW_TEST = re.compile(r"^\s*(?:async\s+)?def\s+(test\w*)\s*\(")


def _not_tests(view: DiffView) -> list[str]:
    return sorted(
        p for p in view.paths if not (p.endswith(".py") and is_test_file(p)) or p.rsplit("/", 1)[-1] == "conftest.py"
    )


def tests_only(job: Job, ctx: Context, repo: RepoConfig, view: DiffView) -> list[Check]:
    """The patch touches Python test files only (no conftest: it configures every test) and deletes none."""
    others = _not_tests(view)
    deleted = sorted(f.path for f in view.files if f.deleted)
    problems = [f"not a test file: {p}" for p in others] + [f"deletes {p}" for p in deleted]
    evidence = "; ".join(problems) or f"{len(view.paths)} test file(s), nothing else"
    return [Check(name="tests_only", passed=not problems, evidence=evidence)]


def tests_assert(job: Job, ctx: Context, repo: RepoConfig, view: DiffView) -> list[Check]:
    """Every test function the patch adds asserts something: a test that only calls the code passes whatever it
    returns (and kills a mutant only when it raises), so it is no evidence of what the code does."""
    texts = {p: t for p, t in view.after.items() if p.endswith(".py")}
    try:
        silent = [v for p, t in sorted(texts.items()) for v in silent_tests(view.before.get(p), t, p, texts)]
    except ValueError as exc:
        return [Check(name="tests_assert", passed=False, evidence=str(exc))]
    lines = [f"test asserts nothing: {v.path}::{v.message.split(' ', 1)[0].replace('.', '::')}" for v in silent]
    evidence = "\n".join(
        [f"{len(silent)} new test(s) assert nothing (no assert, pytest.raises/warns or assertion helper)", *lines]
        if silent
        else ["every new test asserts something"]
    )
    return [Check(name="tests_assert", passed=not silent, evidence=evidence)]


def new_tests(view: DiffView, nodeids: list[str]) -> list[str]:
    """Node ids among ``nodeids`` of the tests the patch adds (``def test…`` on an added line of its file)."""
    added = {(f.path, m.group(1)) for f in view.files for _, text in f.added if (m := _NEW_TEST.match(text))}
    found = []
    for nodeid in nodeids:
        path, _, rest = nodeid.partition("::")
        if (path, rest.rsplit("::", 1)[-1].split("[", 1)[0]) in added:
            found.append(nodeid)
    return found


def new_tests_stable(stability: Stability, new: list[str], runs: int) -> Check:
    """Every new test passed every run."""
    bad = {t: why for t, why in stability.dropped.items() if t in new}
    missing = [t for t in new if t not in stability.kept and t not in bad]
    passed = bool(new) and not bad and not missing
    lines = [
        f"{len(new)} new test(s) passed {runs} runs (fresh processes, random orders)"
        if passed
        else f"{len(bad) + len(missing)} of {len(new)} new test(s) did not pass every run"
        if new
        else "the patch adds no test function"
    ]
    lines += [f"- {t}: {why}" for t, why in sorted(bad.items())] + [f"- {t}: did not run" for t in missing]
    return Check(name="new_tests_stable", passed=passed, evidence="\n".join(lines))


def _covered(cov: FileCoverage | None, targets: Targets, tests: set[str]) -> tuple[int, int]:
    if cov is None:
        return 0, 0
    lines = sum(1 for n in targets.lines if cov.by_line.get(n, set()) & tests)
    arcs = set().union(*(cov.arcs_by_test.get(t, set()) for t in tests)) if tests else set()
    return lines, len(arcs & targets.branches)


def covers_target(suite: Measurement, targets: Targets, new: list[str], threshold: float) -> Check:
    """Target lines and branches covered by the old tests (before) and by old and new together (after)."""
    cov = suite.files.get(targets.path)
    every = set(suite.outcomes)
    before, after = _covered(cov, targets, every - set(new)), _covered(cov, targets, every)
    share = (sum(after) / targets.size) if targets.size else 0.0
    passed = not suite.red and share >= threshold and sum(after) > sum(before)
    evidence = (
        f"target covered: {before[0]}/{len(targets.lines)} lines, {before[1]}/{len(targets.branches)} branches → "
        f"{after[0]}/{len(targets.lines)} lines, {after[1]}/{len(targets.branches)} branches ({share:.0%}; "
        f"min_diff_coverage={threshold})"
    )
    if suite.red:
        evidence += f"\nthe suite failed under coverage: {', '.join(suite.failing[:10])}"
    return Check(name="covers_target", passed=passed, evidence=evidence)


def kills_mutants(old: set[int], new: set[int], total: int, minimum: int) -> Check:
    """The new tests kill at least ``minimum`` mutants the old tests do not."""
    extra = new - old
    evidence = (
        f"mutants on the target lines killed: old tests {len(old)}/{total} → "
        f"with the new tests {len(old | new)}/{total} "
        f"({len(extra)} only by the new tests; min_new_kills={minimum})"
    )
    return Check(name="kills_mutants", passed=len(extra) >= minimum, evidence=evidence)


def added_time(stability: Stability, new: list[str], limit: float) -> Check:
    """The new tests' time, each at its slowest run, within ``limit`` seconds."""
    seconds = sum(stability.seconds.get(t, 0.0) for t in new)
    evidence = f"the new tests take {seconds:.2f}s (max_added_seconds={limit})"
    return Check(name="added_time", passed=seconds <= limit, evidence=evidence)


def each_test_kills(kills: dict[str, set[int]]) -> Check:
    """Each new test that runs the target lines (``kills``: test → the mutants it kills alone) kills one."""
    idle = sorted(t for t, k in kills.items() if not k)
    if idle:
        evidence = (
            f"{len(idle)} of {len(kills)} new test(s) run the target lines but no mutant there makes them fail "
            f"(they check nothing about it): {', '.join(idle[:10])}"
        )
    else:
        evidence = f"each of the {len(kills)} new test(s) running the target lines kills a mutant there on its own"
    return Check(name="each_test_kills", passed=not idle, evidence=evidence)


def _mutation(box: Sandbox, item: ExpandTests, suite: Measurement, new: list[str], repo: RepoConfig) -> list[Check]:
    conf = repo.coverage
    source = box.read(item.path)
    lines = set(item.lines) | {a for a, _ in item.branches}
    mutants = mutants_at(item.path, source, lines, conf.max_mutants)
    cov = suite.files.get(item.path)
    runs_lines = {t for n in lines for t in (cov.by_line.get(n, set()) if cov else set())}
    old_tests = sorted(runs_lines - set(new))
    per = max(2.0, conf.test_timeout_s)
    old = killed(box, item.path, source, mutants, old_tests, per) if old_tests else set()
    silenced = {m.id for m in mutants if _answering(source) - _answering(m.source)}
    fresh = killed(box, item.path, source, mutants, new, per) - silenced
    checks = [kills_mutants(old, fresh, len(mutants), conf.min_new_kills)]
    targeting = sorted(t for t in new if t in runs_lines)
    if conf.each_test_kills and fresh and targeting:
        dead = [m for m in mutants if m.id in fresh]  # a mutant no new test kills is no test's credit
        checks.append(each_test_kills(kills_by_test(box, item.path, source, dead, targeting, per)))
    return checks


def _answering(text: str) -> set[str]:
    """The functions of ``text`` that end in ``return <value>``. A mutant that takes that away lets the function
    fall off its end and answer ``None``, which any test that looks at the result at all (``assert r is not None``)
    kills, however little it checks: such kills do not count for the new tests."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return set()
    return {
        f.name
        for f in ast.walk(tree)
        if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
        and isinstance(f.body[-1], ast.Return)
        and f.body[-1].value is not None
    }


def expand_tests(job: Job, ctx: Context, repo: RepoConfig, view: DiffView) -> list[Check]:
    """Stability, coverage, mutation and time checks, measured in a fresh sandbox with the patch applied."""
    item, patch = job.item, job.patch
    if not isinstance(item, ExpandTests) or patch is None:
        return [Check(name="expand_tests", passed=False, evidence="not expand_tests work with a patch")]
    conf = repo.coverage
    files = sorted(f.path for f in view.files if not f.deleted)
    targets = Targets(item.path, frozenset(item.lines), frozenset(item.branches))
    with open_sandbox(ctx, repo, patch.base_commit) as box:
        try:
            box.apply(patch.diff)
            stability = stable(box, files, conf.runs, conf.test_timeout_s, seed=len(patch.diff))
            new = new_tests(view, sorted(set(stability.kept) | set(stability.dropped)))
            checks = [new_tests_stable(stability, new, conf.runs), added_time(stability, new, conf.max_added_seconds)]
            suite = measure(
                box,
                pytest_args(repo.test),
                paths=[item.path],
                per_test_arcs=True,
                test_timeout=conf.test_timeout_s,
                timeout=repo.gate.test_timeout_s,
                timeout_setting=f"test_timeout_s in [repos.gate] of repo {repo.name!r}",
                memory_bytes=2 << 30,
            )
            checks.append(covers_target(suite, targets, new, conf.min_diff_coverage))
            checks += _mutation(box, item, suite, new, repo)
        except PermanentError as exc:
            return [Check(name="expand_tests", passed=False, evidence=f"could not measure: {str(exc)[-1500:]}")]
        finally:
            remove_scratch(box)
    return checks


def low_risk(view: DiffView, conf: GateConfig, api: list[str]) -> tuple[bool, list[str]]:
    """Phase 4 may auto-merge a tests-only diff that adds and removes nothing else (all checks passed)."""
    why = [f"not a test file: {p}" for p in _not_tests(view)]
    why += [f"removes lines from {f.path}" for f in view.files if f.removed]
    why += ["public API changes: " + "; ".join(api[:10])] if api else []
    return not why, why
