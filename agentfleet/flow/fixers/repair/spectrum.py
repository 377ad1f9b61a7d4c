"""What the test suite says about the code: outcomes, per-test line coverage, crash frames."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Crash", "Spectrum"]


@dataclass(frozen=True)
class Crash:
    """A failing test's exception: its type and the in-repo frames of its traceback, innermost last."""

    kind: str
    frames: tuple[tuple[str, int, str], ...]
    """``(path, line, function)`` with repo-relative paths."""


@dataclass
class Spectrum:
    """The probe's report: which tests fail, which lines each test ran, where failures crashed."""

    outcomes: dict[str, str]
    """Test node id → ``passed`` / ``failed`` / ``skipped``."""
    lines: dict[str, dict[int, frozenset[int]]] | None
    """Path → line → indexes (into ``tests``) of the tests that ran it; ``None`` without coverage.py."""
    crashes: dict[str, Crash] = field(default_factory=dict)
    durations: dict[str, float] = field(default_factory=dict)
    """Seconds per test (setup, call and teardown)."""
    timeouts: frozenset[str] = frozenset()
    """Tests the probe interrupted at its per-test limit (they count as failing)."""

    @classmethod
    def from_report(cls, report: dict[str, Any]) -> Spectrum:
        """Parse the probe's JSON report."""
        outcomes = {test: outcome for test, outcome in report["tests"]}
        lines = None
        if report.get("coverage") is not None:
            lines = {
                path: {int(line): frozenset(ids) for line, ids in per_line.items()}
                for path, per_line in report["coverage"].items()
            }
        crashes = {
            test: Crash(crash["type"], tuple((p, int(n), f) for p, n, f in crash["frames"]))
            for test, crash in report.get("crashes", {}).items()
        }
        return cls(
            outcomes=outcomes,
            lines=lines,
            crashes=crashes,
            durations={t: float(d) for t, d in report.get("durations", {}).items()},
            timeouts=frozenset(report.get("timeouts", ())),
        )

    def time_of(self, tests: list[str]) -> float:
        """Seconds ``tests`` took, leaving out the ones that hung (their fixed run time is unknown)."""
        return sum(self.durations.get(t, 0.0) for t in tests if t not in self.timeouts)

    @property
    def tests(self) -> list[str]:
        """Test node ids in the order coverage indexes refer to."""
        return sorted(self.outcomes)

    @property
    def failing(self) -> list[str]:
        """Tests that failed."""
        return [t for t in self.tests if self.outcomes[t] == "failed"]

    @property
    def failing_fast_first(self) -> list[str]:
        """Failing tests in the order a candidate runs them: quickest in the probe first, the ones that hung last
        (run with ``-x``, a wrong candidate stops at a quick failure before it reaches a hang)."""
        return sorted(self.failing, key=lambda t: (t in self.timeouts, self.durations.get(t, 0.0)))

    @property
    def passing(self) -> list[str]:
        """Tests that passed."""
        return [t for t in self.tests if self.outcomes[t] == "passed"]

    def covering(self, path: str, line: int) -> frozenset[str]:
        """Tests that ran ``path:line``."""
        tests = self.tests
        ids = (self.lines or {}).get(path, {}).get(line, frozenset())
        return frozenset(tests[i] for i in ids)
