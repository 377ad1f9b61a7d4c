"""Curation of candidate tests in the sandbox: stable ones first, then the fewest that keep the coverage gain.

- ``stable``: every candidate runs ``runs`` times, each run a fresh process in its own random order; a test
  is kept only when it passed every time and did nothing outside the test process (writes, network,
  processes: the probe's audit). The rest are dropped with the reason.
- ``minimise``: the kept tests run once more under coverage; greedily, the test adding the most uncovered
  target lines and branches is taken until none adds any (or ``max_tests`` are taken).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from agentfleet.flow.monitors.coverage.measure import Arc, measure

if TYPE_CHECKING:
    from agentfleet.sandboxes import Sandbox

__all__ = ["Selection", "Stability", "Targets", "minimise", "stable"]

_MEMORY = 1 << 30


@dataclass(frozen=True)
class Targets:
    """What the new tests should run: a file's lines and branches."""

    path: str
    lines: frozenset[int]
    branches: frozenset[Arc]

    @property
    def size(self) -> int:
        """Lines plus branches."""
        return len(self.lines) + len(self.branches)


@dataclass
class Stability:
    """Node ids that passed every run, per-test seconds (the slowest run), and why the others were dropped."""

    kept: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    dropped: dict[str, str] = field(default_factory=dict)
    orders: list[int] = field(default_factory=list)
    """The seeds of the random orders used."""


def _why_dropped(test: str, outcomes: list[str | None], effects: list[str], timed_out: bool) -> str | None:
    runs = len(outcomes)
    passed = sum(o == "passed" for o in outcomes)
    if effects:
        return "side effects: " + "; ".join(effects)
    if timed_out:
        return "ran past the per-test time limit"
    if passed == runs:
        return None
    if passed == 0:
        return "fails on the current code"
    return f"flaky: passed {passed} of {runs} runs in random orders (depends on order, time or state)"


def stable(box: Sandbox, files: list[str], runs: int, test_timeout: float, seed: int = 0) -> Stability:
    """Run ``files`` ``runs`` times, each a fresh process in a random order; keep what always passed cleanly."""
    result = Stability(orders=[seed + i for i in range(runs)])
    measured = [
        measure(box, files, coverage=False, seed=s, test_timeout=test_timeout, timeout=600, memory_bytes=_MEMORY)
        for s in result.orders
    ]
    tests = sorted({t for m in measured for t in m.outcomes})
    for test in tests:
        effects = sorted({e for m in measured for e in m.effects.get(test, [])})
        timed_out = any(test in m.timeouts for m in measured)
        why = _why_dropped(test, [m.outcomes.get(test) for m in measured], effects, timed_out)
        if why is None:
            result.kept.append(test)
            result.seconds[test] = max(m.durations.get(test, 0.0) for m in measured)
        else:
            result.dropped[test] = why
    return result


@dataclass
class Selection:
    """The tests chosen, what of the target they cover, and what each test was dropped for."""

    chosen: list[str] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)
    branches: set[Arc] = field(default_factory=set)
    dropped: dict[str, str] = field(default_factory=dict)

    def share(self, targets: Targets) -> float:
        """Covered share of the target's lines and branches."""
        return (len(self.lines) + len(self.branches)) / targets.size if targets.size else 1.0


def minimise(box: Sandbox, tests: list[str], targets: Targets, max_tests: int, test_timeout: float) -> Selection:
    """The fewest of ``tests`` that cover what all of them cover of ``targets`` (greedy set cover)."""
    selection = Selection()
    if not tests:
        return selection
    run = measure(
        box,
        tests,
        paths=[targets.path],
        per_test_arcs=True,
        test_timeout=test_timeout,
        timeout=600,
        memory_bytes=_MEMORY,
    )
    cov = run.files.get(targets.path)
    passing = [t for t in tests if run.outcomes.get(t) == "passed"]
    gains: dict[str, set[tuple[str, object]]] = {}
    for test in passing:
        lines = {n for n in targets.lines if cov is not None and test in cov.by_line.get(n, set())}
        arcs = (cov.arcs_by_test.get(test, set()) if cov is not None else set()) & targets.branches
        gains[test] = {("line", n) for n in lines} | {("branch", a) for a in arcs}
    covered: set[tuple[str, object]] = set()
    while passing and len(selection.chosen) < max_tests:
        best = max(passing, key=lambda t: (len(gains[t] - covered), -passing.index(t)))
        if not gains[best] - covered:
            break
        selection.chosen.append(best)
        covered |= gains[best]
    for test in tests:
        if test not in passing:
            selection.dropped[test] = "failed when run under coverage"
        elif test not in selection.chosen:
            selection.dropped[test] = "adds no target line or branch the chosen tests miss"
    selection.lines = {n for kind, n in covered if kind == "line"}  # type: ignore[misc]
    selection.branches = {a for kind, a in covered if kind == "branch"}  # type: ignore[misc]
    return selection
