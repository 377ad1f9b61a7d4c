"""The gate's test runs: per-test outcomes from a recorder the gate injects, in a report the code under test
cannot forge.

- ``supervisor`` (runs inside the sandbox, first): non-dumpable, holds the run's nonce, starts the child,
  checks its frames, kills what is left, publishes the report with its HMAC.
- ``child`` (inside): pytest with the gate's recorder as a plugin object, or a plain replay without pytest.
- ``harness`` (host): writes the spec, runs the supervisor, verifies the report.
- ``results`` (host): the report as per-test outcomes (``RunReport``); incomplete means failed.
- ``command`` (host): the gate's own pytest command line; ``addopts`` (host): the base commit's ``addopts``.

docs/gate.md ("How the gate runs tests") says what this guarantees and where it stops.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agentfleet.flow.gate.pytest_report.addopts import repo_addopts
from agentfleet.flow.gate.pytest_report.command import import_mode, pytest_args
from agentfleet.flow.gate.pytest_report.harness import Harnessed, Request, run_harnessed
from agentfleet.flow.gate.pytest_report.results import Outcome, RunReport, read_run

if TYPE_CHECKING:
    from agentfleet.sandboxes import Sandbox

__all__ = [
    "Harnessed",
    "Outcome",
    "Request",
    "RunReport",
    "import_mode",
    "pytest_args",
    "read_run",
    "repo_addopts",
    "run_harnessed",
    "run_tests",
]


def run_tests(box: Sandbox, label: str, request: Request, timeout: float) -> RunReport:
    """Run ``request`` in ``box`` (a fresh sandbox) under the supervisor and read its verified report."""
    return read_run(label, request, run_harnessed(box, request, timeout))
