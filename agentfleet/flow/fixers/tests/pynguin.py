"""Run Pynguin (DynaMOSA) on one module inside a tools sandbox and read back the test file it wrote."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from agentfleet.core.errors import PermanentError
from agentfleet.flow.fixers.tests.toolenv import TOOL_DIR
from agentfleet.flow.monitors.coverage.measure import SCRATCH, read_result

if TYPE_CHECKING:
    from agentfleet.flow.monitors.coverage.config import CoverageConfig
    from agentfleet.sandboxes import Sandbox

__all__ = ["Generated", "generate", "project_root"]

log = logging.getLogger(__name__)

OUTPUT = f"{SCRATCH}/pynguin"
_MAX_OUTPUT = 4 << 20
_SLACK_S = 90
"""Beyond the search budget: start-up, assertion generation (mutation analysis) and minimisation."""


@dataclass(frozen=True)
class Generated:
    """What one Pynguin run gave: the test file's text, or why there is none."""

    source: str | None
    note: str
    seconds: float


def project_root(path: str) -> str:
    """The directory Pynguin imports ``path``'s module from: the repo root, or ``src`` in a src layout."""
    return "src" if PurePosixPath(path).parts[:1] == ("src",) else "."


def _argv(module: str, root: str, conf: CoverageConfig, seed: int) -> list[str]:
    return [
        f"{TOOL_DIR}/bin/pynguin",
        "--project-path",
        root,
        "--module-name",
        module,
        "--output-path",
        OUTPUT,
        "--maximum-search-time",
        str(conf.search_budget_s),
        "--maximum-test-execution-timeout",
        str(max(1, int(conf.test_timeout_s))),
        "--maximum-mutation-time",
        str(max(5, conf.search_budget_s // 2)),
        "--seed",
        str(seed),
        "--no-rich",
    ]


def _why(stdout: str, stderr: str) -> str:
    """The last meaningful line Pynguin printed (why it stopped)."""
    lines = [line.strip() for line in (stdout + "\n" + stderr).splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower() or "exception" in line.lower()]
    return (errors or lines or ["no output"])[-1][:300]


def generate(box: Sandbox, module: str, path: str, conf: CoverageConfig, seed: int = 1) -> Generated:
    """Pynguin's tests for ``module`` (the file ``path``), generated in ``box`` (a tools sandbox)."""
    root = str(PurePosixPath(box.workdir) / project_root(path))
    budget = conf.search_budget_s * 2 + _SLACK_S
    env = {"PYNGUIN_DANGER_AWARE": "1"}
    result = box.run(_argv(module, root, conf, seed), timeout=budget, env=env)
    out = f"{OUTPUT}/test_{module.rsplit('.', 1)[-1]}.py"
    if result.timed_out:
        return Generated(None, f"Pynguin ran past {budget}s and was stopped", result.duration_s)
    try:
        source = read_result(box, out, _MAX_OUTPUT)
    except PermanentError:
        why = _why(result.stdout, result.stderr)
        log.info("pynguin module=%s exit=%d wrote no tests: %s", module, result.exit_code, why)
        return Generated(None, f"Pynguin wrote no tests (exit {result.exit_code}): {why}", result.duration_s)
    log.info("pynguin module=%s exit=%d seconds=%.1f", module, result.exit_code, result.duration_s)
    return Generated(source, f"Pynguin wrote {source.count('def test_')} test(s)", result.duration_s)
