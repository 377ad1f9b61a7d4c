"""The whole suite before and after the patch, compared test by test.

- ``tests_still_pass``: every test that passed at the base commit still ran and passed with the patch,
  and no fewer tests were collected — a test disabled by any means (``__test__``, a skip reached at run
  time, a deselection, a file that no longer imports) shows up here whatever the source looks like.
- ``test_suite``: no test fails with the patch; for the kinds in ``gate.judge_by_new_failures``, no test
  *newly* fails. Either way the evidence names the tests that were already failing at the base commit.
"""

from __future__ import annotations

from agentfleet.contracts import Check, WorkKind
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.gate.pytest_report import Request, RunReport, pytest_args
from agentfleet.flow.gate.runs import Run

__all__ = ["judge_suite", "suite_runs"]

_SHOWN = 10


def suite_runs(repo: RepoConfig, changed: tuple[str, ...], addopts: list[str]) -> list[Run]:
    """The suite on the base commit, and on the base commit with the whole patch (``addopts``: the base
    commit's, as the gate keeps them)."""
    request = Request("pytest", pytest_args((), repo.test, addopts))
    return [Run("suite before", request), Run("suite after", request, changed)]


def _names(tests: set[str] | list[str]) -> str:
    shown = sorted(tests)
    more = f" and {len(shown) - _SHOWN} more" if len(shown) > _SHOWN else ""
    return ", ".join(shown[:_SHOWN]) + more


def _still_pass(before: RunReport, after: RunReport) -> Check:
    if not (before.complete and after.complete):
        which = before if not before.complete else after
        return Check(name="tests_still_pass", passed=False, evidence=f"{which.label} is not complete: {which.problem}")
    lost = sorted(
        t for t in before.with_outcome("passed") if (r := after.tests.get(t)) is None or r.outcome != "passed"
    )
    problems = []
    if lost:
        problems.append("passed before but not after: " + ", ".join(f"{t} ({_after(after, t)})" for t in lost[:_SHOWN]))
    if len(after.collected) < len(before.collected):
        problems.append(f"{len(before.collected)} test(s) collected before, {len(after.collected)} after")
    count = len(before.with_outcome("passed"))
    evidence = "; ".join(problems) or f"all {count} test(s) that passed before still pass ({len(after.collected)} run)"
    return Check(name="tests_still_pass", passed=not problems, evidence=evidence)


def _after(run: RunReport, test: str) -> str:
    result = run.tests.get(test)
    return "did not run" if result is None else result.outcome


def _suite(before: RunReport, after: RunReport, by_change: bool, note: str) -> Check:
    if not after.complete:
        evidence = "\n".join(line for line in (f"{after.command}: {after.summary()}", note, after.output) if line)
        return Check(name="test_suite", passed=False, evidence=evidence)
    failing = after.failing
    already = failing & before.failing if before.complete else set()
    new = failing - already
    passed = not new if by_change else not failing
    if passed:
        head = f"{after.command}: {after.summary()}"
    elif by_change:
        head = f"{len(new)} test(s) newly failing with the patch: {_names(new)}"
    else:
        head = f"{len(failing)} test(s) fail with the patch: {_names(failing)}"
    lines = [head, *([note] if note else [])]
    if already:
        rule = "not counted: this kind is judged by new failures" if by_change else "the suite must be green"
        lines.append(f"already failing at the base commit ({rule}): {_names(already)}")
    if not before.complete:
        lines.append(f"the base commit's run is not complete: {before.problem}")
    if not passed:
        lines += [f"after: {after.summary()}", after.output]
    return Check(name="test_suite", passed=passed, evidence="\n".join(lines))


def judge_suite(runs: dict[str, RunReport], repo: RepoConfig, kind: WorkKind, note: str = "") -> list[Check]:
    """``test_suite`` and ``tests_still_pass`` from the two suite runs (``note``: a line of context for the
    evidence, after the verdict's own line — a reason is always the evidence's first line)."""
    before, after = runs["suite before"], runs["suite after"]
    by_change = kind in repo.gate.judge_by_new_failures
    return [_suite(before, after, by_change, note), _still_pass(before, after)]
