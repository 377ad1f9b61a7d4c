"""What the tests fixer tells humans: the patch rationale, the ``NoFix`` lessons, the PR body section.

The PR body section shows what the *gate* measured (coverage and mutants before → after); the fixer's own
numbers are in its rationale, which the body shows as unverified text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from agentfleet.contracts import ExpandTests, Job
from agentfleet.core.markdown import code
from agentfleet.flow.fixers.tests.curate import Selection, Stability, Targets

if TYPE_CHECKING:
    from agentfleet.core.fleet import RepoConfig
    from agentfleet.flow.fixers.tests.candidates import Candidate
    from agentfleet.flow.fixers.tests.generate import Pool
    from agentfleet.flow.monitors.coverage.config import CoverageConfig

__all__ = ["GATE_FIGURES", "Outcome", "learned", "rationale", "section"]

GATE_FIGURES = (
    "tests_only",
    "tests_assert",
    "new_tests_stable",
    "covers_target",
    "kills_mutants",
    "each_test_kills",
    "added_time",
)
"""The expand_tests gate checks whose first line the PR body shows."""
_MAX_LISTED = 15
_DROPPED = "Dropped (flaky, failing, side effects, unstable assertions):"


@dataclass
class Outcome:
    """One curation's result and the checks on it."""

    targets: Targets
    dest: str
    stability: Stability = field(default_factory=Stability)
    selection: Selection = field(default_factory=Selection)
    chosen: list[Candidate] = field(default_factory=list)
    seconds: float = 0.0
    mutants: int = 0
    killed: int = 0
    elapsed: float = 0.0

    @property
    def share(self) -> float:
        """Covered share of the target."""
        return self.selection.share(self.targets)

    def coverage_line(self) -> str:
        """``6/6 lines and 3/4 branches (90%)``."""
        t, s = self.targets, self.selection
        return (
            f"{len(s.lines)}/{len(t.lines)} lines and {len(s.branches)}/{len(t.branches)} branches ({self.share:.0%})"
        )

    def shortfall(self, conf: CoverageConfig) -> str:
        """Why these tests are not proposed."""
        if self.share < conf.min_diff_coverage:
            minimum = conf.min_diff_coverage
            return f"the kept tests cover {self.coverage_line()} of the target, below min_diff_coverage={minimum}"
        return (
            f"the kept tests kill {self.killed} of {self.mutants} mutants on the target lines, below "
            f"min_new_kills={conf.min_new_kills}: they run the code but check too little"
        )


def _dropped(pool: Pool, outcome: Outcome) -> list[str]:
    lines = []
    for nodeid, why in sorted(outcome.stability.dropped.items()):
        candidate = pool.tests.get(nodeid.rsplit("::", 1)[-1])
        name = f"{candidate.origin} {candidate.name}" if candidate else nodeid
        lines.append(f"- {code(name)}: {why}")
    lines += [f"- {code(name)}: {why}" for name, why in sorted(pool.dropped.items())]
    more = len(lines) - _MAX_LISTED
    return lines[:_MAX_LISTED] + ([f"- … and {more} more"] if more > 0 else [])


def rationale(item: ExpandTests, pool: Pool, outcome: Outcome, named: list[tuple[str, Candidate]]) -> str:
    """Markdown for the patch: the target, what was tried, what was kept and dropped, the fixer's figures."""
    lines = [
        f"Tests for `{item.function}` in `{item.path}`: no test ran {len(item.lines)} of its changed line(s) "
        f"and {len(item.branches)} branch(es).",
        "",
        "What was tried:",
        *[f"- {note}" for note in pool.notes],
        "",
        f"Kept {len(named)} test(s) in `{outcome.dest}` (each passed {len(outcome.stability.orders)} runs, "
        "fresh processes, random orders, no side effects):",
        *[f"- `{name}` ({candidate.origin})" for name, candidate in named],
        "",
        f"They cover {outcome.coverage_line()} of the target and kill {outcome.killed} of {outcome.mutants} "
        f"mutants on the target lines; they take {outcome.seconds:.2f}s.",
    ]
    dropped = _dropped(pool, outcome)
    if dropped:
        lines += ["", _DROPPED, *dropped]
    return "\n".join(lines)


def learned(item: ExpandTests, pool: Pool, outcome: Outcome) -> str:
    """Markdown for a ``NoFix``: what was tried and why nothing was kept."""
    lines = [f"Target: `{item.path}::{item.function}`, lines {list(item.lines)}, branches {list(item.branches)}."]
    lines += [f"- {note}" for note in pool.notes] or ["- no generator produced a candidate"]
    if outcome.chosen:
        lines.append(
            f"- best selection covers {outcome.coverage_line()}; mutants killed {outcome.killed}/{outcome.mutants}"
        )
    return "\n".join([*lines, *(["", "Dropped:", *_dropped(pool, outcome)] if _dropped(pool, outcome) else [])])


def section(job: Job, repo: RepoConfig | None = None) -> list[str]:
    """The PR body's own part: the function, coverage and mutants before → after as the gate measured them."""
    item = job.item
    assert isinstance(item, ExpandTests)
    lines = [
        "",
        "## Tests for new code paths",
        "",
        f"- function: {code(f'{item.path}::{item.function}')} (lines {item.span[0]}–{item.span[1]})",
        f"- target: {len(item.lines)} line(s) and {len(item.branches)} branch(es) no test ran",
    ]
    checks = {c.name: c for c in job.decision.checks} if job.decision else {}
    for name in GATE_FIGURES:
        if name in checks and checks[name].evidence:
            lines.append(f"- {name} (measured by the gate): {code(checks[name].headline)}")
    if job.patch is not None:
        tests = re.findall(r"^\+\s*def (test_\w+)", job.patch.diff, flags=re.MULTILINE)
        lines += ["", "Tests added:", *[f"- {code(name)}" for name in tests[:_MAX_LISTED]]]
        dropped = job.patch.rationale.partition(_DROPPED)[2].strip().splitlines()
        if dropped:
            lines += [
                "",
                "Dropped by the fixer (its report, unverified):",
                *[f"- {code(d.lstrip('- ').replace('`', ''))}" for d in dropped],
            ]
    return lines
