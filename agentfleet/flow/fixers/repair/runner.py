"""Host side of ``sandbox_runner``: send it to a sandbox, give it a spec, read what it found."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from importlib import resources
from signal import SIGKILL
from typing import TYPE_CHECKING, Any

from agentfleet.core.errors import PermanentError

if TYPE_CHECKING:
    from agentfleet.contracts import SandboxResult
    from agentfleet.sandboxes import Sandbox

__all__ = ["SCRATCH", "BatchLimits", "BatchRow", "Suite", "clean", "code_argv", "run_batch", "run_probe"]

log = logging.getLogger(__name__)

SCRATCH = ".agentfleet-repair"
"""Working-copy directory for specs and results (a dot-directory: pytest does not collect it)."""
_CODE = resources.files("agentfleet.flow.fixers.repair").joinpath("sandbox_runner.py").read_text()


@dataclass(frozen=True)
class BatchRow:
    """How one candidate did on the selected tests: ``exit`` 0 means they all passed."""

    id: int
    exit: int | str
    suite: int | str | None
    """The whole suite's exit status, when the selected tests passed."""
    seconds: float
    failure: str | None = None
    """How the first failing test failed (test id and message, from the sandbox: compare it, never trust
    it), ``timeout`` when the run hung, ``None`` when none failed."""


def json_rows(stdout: str) -> list[dict[str, Any]]:
    """The JSON objects the sandbox runner printed, one per line (other lines skipped)."""
    rows = []
    for line in stdout.splitlines():
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, dict):
            rows.append(value)
    return rows


def code_argv(mode: str, spec: str) -> list[str]:
    """argv that runs ``sandbox_runner`` in ``mode`` on the spec file ``spec``."""
    return ["python", "-c", _CODE, mode, spec]


def run_probe(
    box: Sandbox,
    tests: list[str],
    timeout: float,
    test_timeout: float = 10.0,
    memory_bytes: int = 0,
    hung_test_timeout: float | None = None,
    coverage: bool = True,
) -> dict[str, Any]:
    """Run ``tests`` (pytest arguments: node ids, paths, ``-k``…; all when empty) once under the probe, each
    test at most ``test_timeout`` seconds (``hung_test_timeout`` once one has hung), the whole probe within
    ``memory_bytes`` of address space (0: no limit), recording the lines each test ran unless not
    ``coverage``; its JSON report."""
    spec, out = f"{SCRATCH}/probe.json", f"{SCRATCH}/probe-out.json"
    limits = {
        "test_timeout": test_timeout,
        "hung_test_timeout": min(test_timeout, hung_test_timeout or test_timeout),
        "memory_bytes": memory_bytes,
        "coverage": coverage,
    }
    box.write(spec, json.dumps({"tests": tests, "out": out, **limits}))
    result = box.run(code_argv("probe", spec), timeout=timeout)
    try:
        report: dict[str, Any] = json.loads(box.read(out))
    except (PermanentError, ValueError):
        raise PermanentError(f"the test probe {_why_no_report(result)}; stderr: {result.stderr[-600:]}") from None
    return report


def _why_no_report(result: SandboxResult) -> str:
    """Why a probe left no report: its time limit, a sandbox limit or a signal stopped it, or it just ended."""
    if result.timed_out:
        return "timed out without a report (PROBE_TIMEOUT_S)"
    code = result.exit_code
    signal = -code if code < 0 else code - 128 if code > 128 else 0
    if result.killed_by not in (None, "signal"):
        return f"was killed by the sandbox's {result.killed_by} limit (exit {code}) without a report"
    if signal == SIGKILL:
        return (
            f"was killed (SIGKILL, exit {code}) without a report: probably the sandbox's memory limit "
            "(a test allocating without bound) or its pids limit"
        )
    if signal:
        return f"was stopped by signal {signal} (exit {code}) without a report"
    return f"exited {code} without a report; is pytest installed in the sandbox?"


@dataclass(frozen=True)
class BatchLimits:
    """Per-candidate limits inside a batch."""

    tests_s: float
    """Wall clock for the failing tests."""
    suite_s: float
    """Wall clock for the whole suite."""
    memory_bytes: int
    """Address-space limit of each test run."""


@dataclass(frozen=True)
class Suite:
    """The tests a patch must keep passing: what pytest selects with ``args`` (the test command's; empty:
    everything it collects), less ``known_failures``, the tests that already failed before any change and
    are not the ones being repaired."""

    args: tuple[str, ...] = ()
    known_failures: tuple[str, ...] = ()
    reached_only: bool = False
    """``args`` are only the test files that can reach the edited files (``reaching.py``), not the whole suite
    the repo's own command runs."""


def run_batch(
    box: Sandbox, tests: list[str], candidates: list[dict[str, Any]], limits: BatchLimits, suite: Suite | None = None
) -> list[BatchRow]:
    """Run ``tests``, then ``suite`` if they pass, once per candidate (``{"id", "path", "source"}``).

    Rows come back in candidate order; a batch cut short returns fewer rows.
    """
    spec = f"{SCRATCH}/batch.json"
    box.write(
        spec,
        json.dumps(
            {
                "tests": tests,
                "timeout": limits.tests_s,
                "suite": True,
                "suite_args": list(suite.args) if suite else [],
                "known_failures": list(suite.known_failures) if suite else [],
                "suite_timeout": limits.suite_s,
                "memory_bytes": limits.memory_bytes,
                "candidates": candidates,
            }
        ),
    )
    result = box.run(code_argv("batch", spec), timeout=(limits.tests_s + limits.suite_s) * len(candidates) + 10)
    rows = []
    for raw in json_rows(result.stdout):
        try:
            row = BatchRow(**raw)
        except TypeError:
            continue
        rows.append(replace(row, failure=row.failure[:400] if isinstance(row.failure, str) else None))
    if len(rows) < len(candidates):
        log.warning("repair batch ended early exit=%d rows=%d/%d", result.exit_code, len(rows), len(candidates))
    return rows


def clean(box: Sandbox, also: list[str] | None = None) -> None:
    """Remove the scratch directory (and the files ``also`` names) from the working copy."""
    box.run(["rm", "-rf", "--", SCRATCH, *(also or [])], timeout=30)
