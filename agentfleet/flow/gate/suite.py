"""The whole suite before and after the patch, compared test by test.

- ``tests_still_pass``: every test that passed at the base commit still ran and passed with the patch,
  and no fewer tests were collected — a test disabled by any means (``__test__``, a skip reached at run
  time, a deselection, a file that no longer imports) shows up here whatever the source looks like.
  When the patch touches the tests (test files, their helpers, the data they read — anything under a test
  directory), the tests as they were at the base commit also run against the patch's other changes, and
  what passed before must pass there too: a test bent to the code (an expected value edited, a loosened
  helper, a mock, a new test that changes what the others import) cannot hide a change in behaviour.
  Kinds judged by new failures (dependency upgrades, which may have to adapt tests) skip this run.
- ``test_suite``: no test fails with the patch; for the kinds in ``gate.judge_by_new_failures``, no test
  *newly* fails. Either way the evidence names the tests that were already failing at the base commit.
"""

from __future__ import annotations

from agentfleet.analysis import is_test_support
from agentfleet.contracts import Check, WorkKind
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.gate.flaky import Flakiness
from agentfleet.flow.gate.pytest_report import Request, RunReport, pytest_args
from agentfleet.flow.gate.runs import Run

__all__ = ["judge_suite", "suite_runs"]

_SHOWN = 10
BASE_TESTS = "suite, the base's tests"
"""Label of the run of the base commit's tests against the patch's other changes."""


def suite_runs(repo: RepoConfig, changed: tuple[str, ...], addopts: list[str], kind: WorkKind) -> list[Run]:
    """The suite on the base commit, on the base commit with the whole patch, and — when the patch touches
    the tests and ``kind`` is not judged by new failures — with the patch less its test changes
    (``addopts``: the base commit's, as the gate keeps them)."""
    request = Request("pytest", pytest_args((), repo.test, addopts))
    runs = [Run("suite before", request), Run("suite after", request, changed)]
    code = tuple(path for path in changed if not is_test_support(path))
    if len(code) < len(changed) and kind not in repo.gate.judge_by_new_failures:
        runs.append(Run(BASE_TESTS, request, code))
    return runs


def _names(tests: set[str] | list[str]) -> str:
    shown = sorted(tests)
    more = f" and {len(shown) - _SHOWN} more" if len(shown) > _SHOWN else ""
    return ", ".join(shown[:_SHOWN]) + more


def _lost(before: RunReport, after: RunReport, excused: frozenset[str]) -> list[str]:
    """Tests that passed in ``before`` and did not run or pass in ``after`` (``excused``: flaky tests that passed in
    a re-run of ``after``'s tree)."""
    passed = before.with_outcome("passed") - excused
    return sorted(t for t in passed if (r := after.tests.get(t)) is None or r.outcome != "passed")


def _still_pass(before: RunReport, after: RunReport, base_tests: RunReport | None, flaky: Flakiness) -> Check:
    runs = [before, after, *([base_tests] if base_tests else [])]
    if incomplete := next((run for run in runs if not run.complete), None):
        evidence = f"{incomplete.label} is not complete: {incomplete.problem}"
        return Check(name="tests_still_pass", passed=False, evidence=evidence)
    problems = []
    if lost := _lost(before, after, flaky.excused.get(after.label, frozenset())):
        problems.append("passed before but not after: " + ", ".join(f"{t} ({_after(after, t)})" for t in lost[:_SHOWN]))
    if base_tests and (bent := _lost(before, base_tests, flaky.excused.get(BASE_TESTS, frozenset()))):
        shown = ", ".join(f"{t} ({_after(base_tests, t)})" for t in bent[:_SHOWN])
        problems.append(f"passed before but not as the base commit wrote them, against the patched code: {shown}")
    if len(after.collected) < len(before.collected):
        problems.append(f"{len(before.collected)} test(s) collected before, {len(after.collected)} after")
    count = len(before.with_outcome("passed"))
    evidence = "; ".join(problems) or f"all {count} test(s) that passed before still pass ({len(after.collected)} run)"
    return Check(name="tests_still_pass", passed=not problems, evidence=evidence)


def _after(run: RunReport, test: str) -> str:
    result = run.tests.get(test)
    return "did not run" if result is None else result.outcome


def _suite(before: RunReport, after: RunReport, by_change: bool, note: str, flaky: Flakiness) -> Check:
    if not after.complete:
        evidence = "\n".join(line for line in (f"{after.command}: {after.summary()}", note, after.output) if line)
        return Check(name="test_suite", passed=False, evidence=evidence)
    failing = after.failing - flaky.excused.get(after.label, frozenset())
    already = failing & (before.failing - flaky.flaky) if before.complete else set()
    new = failing - already
    passed = not new if by_change else not failing
    if passed:
        head = f"{after.command}: {after.summary()}"
    elif by_change:
        head = f"{len(new)} test(s) newly failing with the patch: {_names(new)}"
    else:
        head = f"{len(failing)} test(s) fail with the patch: {_names(failing)}"
    lines = [head, *([note] if note else [])]
    if failing & flaky.flaky:
        shown = _names(failing & flaky.flaky)
        lines.append(f"flaky at the base commit but never passed with the patch (counted against it): {shown}")
    if already:
        rule = "not counted: this kind is judged by new failures" if by_change else "the suite must be green"
        lines.append(f"already failing at the base commit ({rule}): {_names(already)}")
    if not before.complete:
        lines.append(f"the base commit's run is not complete: {before.problem}")
    if not passed:
        lines += [f"after: {after.summary()}", after.output]
    return Check(name="test_suite", passed=passed, evidence="\n".join(lines))


def judge_suite(
    runs: dict[str, RunReport], repo: RepoConfig, kind: WorkKind, note: str = "", flaky: Flakiness | None = None
) -> list[Check]:
    """``test_suite`` and ``tests_still_pass`` from the suite runs (``note``: a line of context for the evidence,
    after the verdict's own line — a reason is always the evidence's first line; ``flaky``: what the re-runs showed,
    named in both checks' evidence)."""
    before, after = runs["suite before"], runs["suite after"]
    by_change = kind in repo.gate.judge_by_new_failures
    flaky = flaky or Flakiness()
    checks = [_suite(before, after, by_change, note, flaky), _still_pass(before, after, runs.get(BASE_TESTS), flaky)]
    if line := flaky.describe(runs):
        checks = [check.model_copy(update={"evidence": f"{check.evidence}\n{line}"}) for check in checks]
    return checks
