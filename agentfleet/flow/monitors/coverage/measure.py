"""Host side of the coverage probe: send it to a sandbox, run tests once, read back what they did.

Used by the coverage monitor (the whole suite), the tests fixer (candidate tests) and the expand_tests gate
checks (old and new tests together). The report is data from a sandbox: its size is capped and every field
is checked before use.
"""

from __future__ import annotations

import json
import logging
import shlex
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

from agentfleet.core.errors import PermanentError
from agentfleet.flow.fixers.repair.runner import clean

if TYPE_CHECKING:
    from agentfleet.sandboxes import Sandbox

__all__ = ["SCRATCH", "FileCoverage", "Measurement", "measure", "pytest_args", "read_result", "remove_scratch"]

log = logging.getLogger(__name__)

SCRATCH = ".agentfleet-coverage"
"""Working-copy directory for the probe and its specs (a dot-directory: pytest does not collect it)."""
_MAX_REPORT = 32 << 20
_USAGE_ERROR = 4
_PROBE = resources.files("agentfleet.flow.monitors.coverage").joinpath("probe.py").read_text()
_REPAIR_PROBE = resources.files("agentfleet.flow.fixers.repair").joinpath("sandbox_runner.py").read_text()

Arc = tuple[int, int]


def _arcs(rows: Any) -> set[Arc]:
    return {(int(a), int(b)) for a, b in rows or ()}


@dataclass
class FileCoverage:
    """One file's coverage in one run."""

    executed: set[int]
    missing: set[int]
    taken: set[Arc]
    """Branches some test took."""
    untaken: set[Arc]
    """Branches no test took."""
    by_line: dict[int, set[str]] = field(default_factory=dict)
    """Line → the tests that ran it."""
    arcs_by_test: dict[str, set[Arc]] = field(default_factory=dict)
    """Test → the branches it took (when asked for)."""

    @property
    def statements(self) -> set[int]:
        """Executable lines."""
        return self.executed | self.missing

    @property
    def branches(self) -> set[Arc]:
        """Every branch of the file."""
        return self.taken | self.untaken

    @classmethod
    def parse(cls, row: dict[str, Any], tests: list[str]) -> FileCoverage:
        """From the probe's JSON row; ``tests`` maps its test indexes to node ids."""
        by_line = {int(line): {tests[i] for i in ids if 0 <= i < len(tests)} for line, ids in row["contexts"].items()}
        arcs = {tests[int(i)]: _arcs(a) for i, a in (row.get("arcs") or {}).items() if 0 <= int(i) < len(tests)}
        return cls(
            executed={int(n) for n in row["executed_lines"]},
            missing={int(n) for n in row["missing_lines"]},
            taken=_arcs(row["executed_branches"]),
            untaken=_arcs(row["missing_branches"]),
            by_line=by_line,
            arcs_by_test=arcs,
        )


@dataclass
class Measurement:
    """What one probe run saw: each test's outcome and time, its side effects, and coverage per file."""

    exit: int
    seconds: float
    outcomes: dict[str, str]
    durations: dict[str, float]
    order: list[str]
    timeouts: set[str]
    effects: dict[str, list[str]]
    files: dict[str, FileCoverage]

    @property
    def failing(self) -> list[str]:
        """Tests (or collection targets) that failed or errored."""
        return sorted(t for t, outcome in self.outcomes.items() if outcome == "failed")

    @property
    def passing(self) -> list[str]:
        """Tests that passed."""
        return sorted(t for t, outcome in self.outcomes.items() if outcome == "passed")

    @property
    def red(self) -> bool:
        """The run failed: a test failed or pytest itself did (exit 5, no tests, is not a failure)."""
        return bool(self.failing) or self.exit not in (0, 5)

    @classmethod
    def parse(cls, report: dict[str, Any]) -> Measurement:
        """From the probe's JSON report (``KeyError``/``TypeError``/``ValueError`` when malformed)."""
        tests = [str(t) for t in report["index"]]
        return cls(
            exit=int(report["exit"]),
            seconds=float(report["seconds"]),
            outcomes={str(t): str(o) for t, o in report["tests"].items()},
            durations={str(t): float(d) for t, d in report["durations"].items()},
            order=[str(t) for t in report["order"]],
            timeouts={str(t) for t in report["timeouts"]},
            effects={str(t): [str(e) for e in v] for t, v in report["effects"].items()},
            files={str(p): FileCoverage.parse(row, tests) for p, row in report["files"].items()},
        )


def pytest_args(test_command: str) -> list[str]:
    """The pytest arguments of a repo's test command (``python -m pytest -q tests`` → ``["-q", "tests"]``);
    none when the command is not pytest (the probe then runs pytest's defaults)."""
    try:
        words = shlex.split(test_command)
    except ValueError:
        return []
    for i, word in enumerate(words):
        if word in {"pytest", "py.test"} or word.endswith(("/pytest", "/py.test")):
            return [w for w in words[i + 1 :] if w not in {"&&", ";", "|"}]
    return []


def measure(
    box: Sandbox,
    args: list[str],
    *,
    paths: list[str] | None = None,
    coverage: bool = True,
    per_test_arcs: bool = False,
    seed: int | None = None,
    test_timeout: float = 10.0,
    timeout: float = 900.0,
    memory_bytes: int = 0,
    timeout_setting: str = "the timeout",
) -> Measurement:
    """Run pytest on ``args`` once in ``box`` (a fresh process), coverage reported for ``paths``.

    ``PermanentError`` when the probe leaves no readable report (pytest missing, killed, out of time: the error
    then names ``timeout_setting``, the setting ``timeout`` came from).
    """
    out = f"{SCRATCH}/report.json"
    spec = {
        "args": args,
        "out": out,
        "coverage": coverage,
        "paths": paths or [],
        "per_test_arcs": per_test_arcs,
        "seed": seed,
        "test_timeout": test_timeout,
        "memory_bytes": memory_bytes,
    }
    box.write(f"{SCRATCH}/_agentfleet_repair_probe.py", _REPAIR_PROBE)
    box.write(f"{SCRATCH}/coverage_probe.py", _PROBE)
    box.write(f"{SCRATCH}/spec.json", json.dumps(spec))
    box.run(["rm", "-f", out], timeout=30)
    result = box.run(["python", f"{SCRATCH}/coverage_probe.py", f"{SCRATCH}/spec.json"], timeout=timeout)
    try:
        found = Measurement.parse(json.loads(read_result(box, out)))
    except (PermanentError, ValueError, KeyError, TypeError, AttributeError) as exc:
        if result.timed_out:
            why, hint = f"timed out after {timeout:g} s", f"a suite this long needs more time: raise {timeout_setting}"
        else:
            why, hint = f"exited {result.exit_code}", "are pytest and coverage installed in the sandbox?"
        raise PermanentError(
            f"the coverage probe {why} without a usable report ({type(exc).__name__}); {hint}. "
            f"stderr: {result.stderr[-600:]}"
        ) from None
    if found.exit == _USAGE_ERROR and not found.outcomes and "-o" not in args:
        log.info("coverage probe: pytest refused the repo's options (xdist's -n?); again without addopts")
        return measure(
            box,
            ["-o", "addopts=", *args],
            paths=paths,
            coverage=coverage,
            per_test_arcs=per_test_arcs,
            seed=seed,
            test_timeout=test_timeout,
            timeout=timeout,
            memory_bytes=memory_bytes,
            timeout_setting=timeout_setting,
        )
    return found


def read_result(box: Sandbox, path: str, limit: int = _MAX_REPORT) -> str:
    """Text of a result file a sandboxed command left: a regular file (no symlink, fifo or device) under
    ``limit`` bytes, checked once nothing runs in the sandbox any more; ``PermanentError`` otherwise."""
    found = box.run(["find", path, "-maxdepth", "0", "-type", "f", "-size", f"-{limit // 1024}k"], timeout=30)
    if found.stdout.strip() != path:
        raise PermanentError(f"{path} is missing, not a regular file, or larger than {limit} bytes")
    return box.read(path)


def remove_scratch(box: Sandbox) -> None:
    """Remove the probe's files, and the repair runner's (the mutation check uses it), from the working copy."""
    clean(box, [SCRATCH])
