"""A verified report read as per-test outcomes: what ran, what passed, and whether the run is complete.

A run is complete only when the recorder's stream is intact (no frame failed its MAC, nothing after the
end), pytest reached its session end, and every collected test reported its teardown. Anything less is
a ``problem``, and the gate counts the run as failed whatever its exit code says.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from agentfleet.flow.gate.pytest_report.harness import Harnessed, Request

__all__ = ["FAILING", "Outcome", "RunReport", "read_run"]

FAILING = frozenset({"failed", "error"})
"""Outcomes that count as a failing test."""
_PHASES = ("setup", "call", "teardown")
_ABORTED = (2, 3, 4)
"""pytest's exit statuses for an interrupted run, an internal error and a usage error."""
_TAIL = 1500


@dataclass(frozen=True)
class Outcome:
    """One test's outcome: ``passed``, ``failed``, ``error`` (setup/teardown or collection), ``skipped``,
    ``xfailed`` or ``xpassed``; ``raised`` names the exception type of a failure."""

    outcome: str
    raised: str | None = None
    message: str = ""


@dataclass(frozen=True)
class RunReport:
    """One gate run's outcome, read from its verified report."""

    label: str
    command: str
    mode: str = "pytest"
    """``pytest``, ``replay`` or ``command`` (only an exit status)."""
    tests: Mapping[str, Outcome] = field(default_factory=dict)
    """Test id → outcome; a file that failed to collect appears under its own id with ``error``."""
    collected: tuple[str, ...] = ()
    calls: Mapping[str, str | None] = field(default_factory=dict)
    """Replay runs: function → exception type it raised (``None``: it returned)."""
    exit_code: int | None = None
    problem: str | None = None
    """Why the run cannot be trusted as complete (``None``: it can)."""
    output: str = ""
    """Tail of the child's output (pytest's terminal report), for humans."""

    @property
    def complete(self) -> bool:
        """A verified, complete report."""
        return self.problem is None

    def with_outcome(self, *outcomes: str) -> set[str]:
        """Test ids whose outcome is one of ``outcomes``."""
        return {test for test, result in self.tests.items() if result.outcome in outcomes}

    @property
    def failing(self) -> set[str]:
        """Test ids that failed or errored (collection errors included)."""
        return self.with_outcome(*FAILING)

    def summary(self) -> str:
        """``1 failed, 2 passed`` (``exit 1`` for a command, what each call raised for a replay) — and the
        problem, when the run is not complete."""
        if self.mode == "command":
            text = f"exit {self.exit_code}"
        elif self.mode == "replay":
            text = ", ".join(f"{name} raised {exc}" if exc else f"{name} returned" for name, exc in self.calls.items())
        else:
            counts = Counter(result.outcome for result in self.tests.values())
            text = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items()))
        text = text or "no test ran"
        return text if self.problem is None else f"{text}; INCOMPLETE: {self.problem}"


def _final(phases: Mapping[str, Mapping[str, Any]]) -> Outcome:
    """The outcome pytest's own terminal report would show for one test's phase reports."""
    for when in _PHASES:
        frame = phases.get(when)
        if frame is not None and frame["outcome"] == "failed":
            outcome = "failed" if when == "call" else "error"
            return Outcome(outcome, frame.get("exc"), str(frame.get("msg", ""))[-_TAIL:])
    for when in ("setup", "call"):
        frame = phases.get(when)
        if frame is not None and frame["outcome"] == "skipped":
            return Outcome("xfailed" if frame["xfail"] else "skipped", frame.get("exc"))
    call = phases.get("call")
    if call is None:
        return Outcome("error", None, "the test reported no call phase")
    return Outcome("xpassed" if call["xfail"] else "passed")


def _stream_problem(report: Mapping[str, Any]) -> str | None:
    if report.get("bad_frames"):
        samples = "; ".join(str(s)[:120] for s in report.get("bad_samples", []))
        return f"{report['bad_frames']} frame(s) on the recorder's channel did not come from the recorder ({samples})"
    if report.get("overflow"):
        return "the recorder's stream exceeded the gate's size cap"
    if report.get("timed_out"):
        return f"the run did not finish within its time limit ({report.get('seconds')}s)"
    return None


def _pytest_run(run: RunReport, frames: list[dict[str, Any]], problem: str | None) -> RunReport:
    phases: dict[str, dict[str, Any]] = {}
    tests: dict[str, Outcome] = {}
    collected: tuple[str, ...] | None = None
    finish: dict[str, Any] | None = None
    for index, frame in enumerate(frames):
        kind = frame.get("t")
        if finish is not None:
            problem = problem or f"{len(frames) - index} frame(s) arrived after pytest's session end"
            break
        if kind == "collected":
            collected = tuple(frame["ids"])
        elif kind == "test":
            phases.setdefault(frame["id"], {})[frame["when"]] = frame
        elif kind == "collecterror":
            tests[frame["id"]] = Outcome("error", None, str(frame.get("msg", ""))[-_TAIL:])
        elif kind == "internalerror":
            problem = problem or "pytest stopped on an internal error: " + str(frame.get("msg", ""))[-300:]
        elif kind == "finish":
            finish = frame
    problem = problem or _session_problem(run, finish, collected)
    unfinished = [test for test in collected or () if "teardown" not in phases.get(test, {})]
    if unfinished:
        problem = problem or f"{len(unfinished)} collected test(s) never finished, e.g. {unfinished[0]}"
    tests.update({test: _final(by_phase) for test, by_phase in phases.items()})
    return _with(run, tests=tests, collected=collected or (), problem=problem)


def _session_problem(run: RunReport, finish: dict[str, Any] | None, collected: tuple[str, ...] | None) -> str | None:
    if finish is None:
        return f"the test process ended (exit {run.exit_code}) before pytest's session end"
    if collected is None:
        return f"pytest's collection never finished (session exit {finish.get('exit')})"
    if finish.get("stopped") or finish.get("exit") in _ABORTED:
        return f"pytest stopped early (session exit {finish.get('exit')}: interrupted, internal or usage error)"
    return None


def _replay_run(run: RunReport, frames: list[dict[str, Any]], problem: str | None) -> RunReport:
    calls: dict[str, str | None] = {}
    finish = None
    for frame in frames:
        if frame.get("t") == "import":
            calls["<import>"] = frame.get("exc")
        elif frame.get("t") == "call":
            calls[frame["name"]] = frame.get("exc")
        elif frame.get("t") == "finish":
            finish = frame
    if finish is None:
        problem = problem or f"the replay ended (exit {run.exit_code}) before its last call reported"
    elif finish.get("pytest"):
        problem = problem or "pytest was imported during the plain replay: it is not a replay without pytest"
    return _with(run, calls=calls, problem=problem)


def _with(run: RunReport, **changes: Any) -> RunReport:
    return RunReport(**{**run.__dict__, **changes})


def read_run(label: str, request: Request, harnessed: Harnessed) -> RunReport:
    """The ``RunReport`` a verified report (or its absence) of ``request`` stands for."""
    output = (harnessed.result.stderr or "").strip()[-_TAIL:]
    report = harnessed.report
    run = RunReport(label, request.describe(), request.mode, output=output)
    if report is None:
        return _with(run, problem=harnessed.problem)
    run = _with(run, exit_code=report.get("exit"))
    problem = _stream_problem(report)
    if report.get("mode") == "pytest":
        return _pytest_run(run, list(report.get("frames", [])), problem)
    if report.get("mode") == "replay":
        return _replay_run(run, list(report.get("frames", [])), problem)
    return _with(run, problem=problem)
