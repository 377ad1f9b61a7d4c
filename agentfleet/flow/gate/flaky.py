"""Flaky base tests: a test that failed in a suite run is run again, at the base commit and with the patch, a bounded
number of times (``gate.flaky_reruns``), each time in a fresh sandbox.

- Only a test that existed at the base commit, in a file the patch does not change, and that was seen both passing
  and failing *at the base commit* is flaky. No run of the base commit holds anything of the patch, so a patch cannot
  make a test look flaky: one that passed in every base run and fails with the patch (even only sometimes) is broken.
- A flaky test is neither a fixed nor a broken test. With the patch it is excused only when it passed at least once
  in the runs of each patched tree (a patch that breaks a flaky test for good still fails it); the proof never counts
  one (a bug's test that also passes at the base commit shows nothing about the fix).
- A test the patch adds or changes is never excused. The evidence names every flaky test, so the PR body does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.gate.pytest_report import Request, RunReport
from agentfleet.flow.gate.runs import Run

__all__ = ["Flakiness", "flakiness", "suite_reruns"]

BEFORE = "suite before"
RERUN = ", re-run "
"""A re-run's label is its run's label, this, and its number."""


@dataclass(frozen=True)
class Flakiness:
    """What the re-runs showed."""

    flaky: frozenset[str] = frozenset()
    """Tests seen both passing and failing at the base commit."""
    passed_at_base: frozenset[str] = frozenset()
    """Tests seen passing at the base commit: a proof's failure of one before the fix is no evidence."""
    excused: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Patched run's label → the flaky tests that passed at least once in its tree (not counted against the patch)."""

    def describe(self, runs: Mapping[str, RunReport]) -> str:
        """One line of evidence naming the flaky tests and how they fared, or ``""``."""
        if not self.flaky:
            return ""
        seen = [f"{test} ({_tally(runs, BEFORE, test)} at base)" for test in sorted(self.flaky)]
        return "flaky at the base commit, counted neither for nor against the patch: " + ", ".join(seen)


def _tree_runs(runs: Mapping[str, RunReport], label: str) -> list[RunReport]:
    """``label``'s run and its re-runs, those that are complete (an incomplete run's outcomes are no sample)."""
    return [run for name, run in runs.items() if run.complete and (name == label or name.startswith(label + RERUN))]


def _tally(runs: Mapping[str, RunReport], label: str, test: str) -> str:
    outcomes = [r.tests[test].outcome for r in _tree_runs(runs, label) if test in r.tests]
    return f"passed {outcomes.count('passed')} of {len(outcomes)}"


def _file(test: str) -> str:
    return test.partition("::")[0]


def _untouched(tests: Iterable[str], base: RunReport, changed: Iterable[str]) -> set[str]:
    """``tests`` that the base commit had, in files the patch does not change."""
    existed = set(base.collected) | set(base.tests)
    touched = set(changed)
    return {test for test in tests if test in existed and _file(test) not in touched}


def suite_reruns(
    runs: Mapping[str, RunReport], suite: list[Run], changed: tuple[str, ...], repo: RepoConfig
) -> list[Run]:
    """Re-runs of the tests that failed in the ``suite`` runs: every such test at the base commit, and the ones that
    failed with the patch in their own tree; none when more than ``gate.flaky_max_tests`` failed or a run is
    incomplete (such a run is judged as it is)."""
    conf, base = repo.gate, runs.get(BEFORE)
    if base is None or conf.flaky_reruns == 0 or not all(runs[run.label].complete for run in suite):
        return []
    failing = {run.label: _untouched(runs[run.label].failing, base, changed) for run in suite}
    at_base = set().union(*failing.values())
    if not at_base or len(at_base) > conf.flaky_max_tests:
        return []
    selected = {run.label: sorted(at_base if run.label == BEFORE else failing[run.label]) for run in suite}
    return [
        Run(f"{run.label}{RERUN}{n}", _request(run.request, selected[run.label]), run.paths, attempt=n)
        for n in range(1, conf.flaky_reruns + 1)
        for run in suite
        if selected[run.label]
    ]


def _request(request: Request, tests: list[str]) -> Request:
    """``request`` (the suite's, which selects nothing of its own) narrowed to ``tests``."""
    return Request(request.mode, (*request.args, *tests))


def flakiness(runs: Mapping[str, RunReport], changed: tuple[str, ...]) -> Flakiness:
    """Which tests the base commit's runs saw both pass and fail, and where the patched runs excuse them."""
    base = runs.get(BEFORE)
    if base is None:
        return Flakiness()
    seen: dict[str, set[str]] = {}
    for run in _tree_runs(runs, BEFORE):
        for test, result in run.tests.items():
            seen.setdefault(test, set()).add(result.outcome)
    passed = frozenset(test for test in _untouched(seen, base, changed) if "passed" in seen[test])
    flaky = frozenset(test for test in passed if seen[test] & {"failed", "error"})
    patched = {name.partition(RERUN)[0] for name in runs if RERUN in name and not name.startswith(BEFORE)}
    excused = {
        label: frozenset(
            t for t in flaky if any(r.tests.get(t) and r.tests[t].outcome == "passed" for r in _tree_runs(runs, label))
        )
        for label in patched
    }
    return Flakiness(flaky, passed, excused)
