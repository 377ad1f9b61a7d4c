"""Flaky base tests (``flow/gate/flaky.py``) on a real bwrap sandbox and a real suite whose test flips.

The flipping test passes when the run names it (a re-run selects it by id) and fails in the whole suite — the way a
timing test with a 1 ms sleep assertion fails under load and passes when re-run. Only a test the base commit's own
runs saw both pass and fail is flaky; its outcome counts neither for nor against a patch.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support import make_repo, need_binary

from agentfleet.contracts import GateDecision, InvestigationReport, Reproduction, Verdict
from agentfleet.flow.gate.flaky import flakiness
from agentfleet.flow.gate.pytest_report import Outcome, RunReport
from agentfleet.flow.gate.stage import verify
from gate.kit import FILES, FIXED, REGRESSION_TEST, TESTS, GateRepo, gate_repo_at

pytestmark = [pytest.mark.bwrap]

_FLIPS = "    assert any('::' in arg for arg in request.config.args)\n"
"""Passes only when the run selects tests by id: fails in the whole suite, passes in a re-run."""
FLAKY = "tests/test_timing.py"
FLAKY_TEST = f"{FLAKY}::test_a_quarter_line"
TIMING = (
    "from pricing import line_total\n\n\ndef test_a_quarter_line(request):\n    assert line_total(0.25, 2) == 0.5\n"
    + _FLIPS
)
ENV_TEST = "import os\n\n\ndef test_no_override():\n    assert 'PRICING_OVERRIDE' not in os.environ\n"


@pytest.fixture
def flaky_repo(tmp_path: Path, sandbox_data: Path, write_fleet: Callable[[str], Path]) -> GateRepo:
    """The service repo with a test that flips and a test that reads the environment."""
    need_binary("bwrap")
    path = tmp_path / "svc"
    base = make_repo(path, {**FILES, FLAKY: TIMING, "tests/test_env.py": ENV_TEST})
    repo = gate_repo_at(path, base, sandbox_data, write_fleet, "bwrap")
    repo.configure("trust.fix_error = 3")
    return repo


def _decide(repo: GateRepo, edits: dict[str, str | None], **extra: object) -> GateDecision:
    decision = verify(repo.job(repo.diff(edits), **extra), repo.ctx).decision  # type: ignore[arg-type]
    assert decision is not None
    return decision


def _failed(decision: GateDecision) -> set[str]:
    return {c.name for c in decision.checks if not c.passed}


def _evidence(decision: GateDecision, name: str) -> str:
    return next(c.evidence for c in decision.checks if c.name == name)


def _flipping(test: str) -> str:
    """``test`` (one argument-less test function) made to flip like the timing test."""
    return test.replace("():\n", "(request):\n", 1) + _FLIPS


_HONEST: dict[str, str | None] = {"pricing.py": FIXED, "tests/test_pricing.py": TESTS + REGRESSION_TEST}


def test_an_honest_fix_is_approved_beside_a_test_that_flips_at_base(flaky_repo: GateRepo) -> None:
    # Given a suite whose timing test fails in the whole run and passes when re-run, and an honest fix
    # When the gate verifies the fix
    decision = _decide(flaky_repo, _HONEST)
    # Then it is approved, and the evidence names the flaky test and counts it neither way
    assert _failed(decision) == set(), decision.reasons
    assert decision.verdict is Verdict.PR
    assert f"counted neither for nor against the patch: {FLAKY_TEST}" in _evidence(decision, "test_suite")


def test_a_patch_that_makes_a_stable_test_flip_is_refused(flaky_repo: GateRepo) -> None:
    # Given the honest fix plus a new test that leaves a variable set, so a stable test fails in the whole run only
    polluting = "import os\n\n\ndef test_aa_setup():\n    os.environ['PRICING_OVERRIDE'] = '1'\n    assert os.environ\n"
    # When the gate verifies it
    decision = _decide(flaky_repo, {**_HONEST, "tests/test_aa_setup.py": polluting})
    # Then the test the base commit never saw fail counts against the patch, however its re-runs went
    assert decision.verdict is Verdict.REJECT
    assert "tests/test_env.py::test_no_override" in _evidence(decision, "test_suite")
    assert "test_suite" in _failed(decision)


def test_a_patch_that_breaks_a_flaky_test_for_good_is_refused(flaky_repo: GateRepo) -> None:
    # Given the fix with line totals rounded to whole units, which the flaky test's first assertion pins
    rounded = FIXED.replace("    return price * quantity\n", "    return round(price * quantity)\n")
    # When the gate verifies it
    decision = _decide(flaky_repo, {**_HONEST, "pricing.py": rounded})
    # Then the flaky test failed in every run with the patch, so it counts against it
    assert decision.verdict is Verdict.REJECT
    assert "never passed with the patch" in _evidence(decision, "test_suite")


def test_a_flaky_test_the_patch_changes_is_never_excused(flaky_repo: GateRepo) -> None:
    # Given the fix, with the patch's own regression test flipping like the base's timing test
    own = TESTS + _flipping(REGRESSION_TEST)
    # When the gate verifies it
    decision = _decide(flaky_repo, {"pricing.py": FIXED, "tests/test_pricing.py": own})
    # Then the patch's flipping test counts against it
    assert decision.verdict is Verdict.REJECT
    assert "tests/test_pricing.py::test_order_total_applies_the_discount" in _evidence(decision, "test_suite")


def test_a_flaky_test_is_no_proof_of_the_bug(
    tmp_path: Path, sandbox_data: Path, write_fleet: Callable[[str], Path]
) -> None:
    # Given a repository whose "failing test of the bug" only flips (the code has no bug) and an investigation that
    # reproduced it with that test file
    need_binary("bwrap")
    path = tmp_path / "svc"
    base = make_repo(path, {**FILES, "pricing.py": FIXED, "tests/test_pricing.py": TESTS + _flipping(REGRESSION_TEST)})
    repo = gate_repo_at(path, base, sandbox_data, write_fleet, "bwrap")
    command = "python -m pytest -q -p no:cacheprovider tests/test_pricing.py"
    report = InvestigationReport(
        repo="svc",
        fingerprint="err-discount",
        commit=repo.base,
        commit_source="default_branch",
        exception_type="AssertionError",
        reproduction=Reproduction(attempted=True, reproduced=True, command=command),
    )
    # When a patch that changes nothing the test reads is verified: the proof fails before (the file's run) and
    # passes after (the test's id)
    noop = FIXED.replace('"""Order pricing."""', '"""Order pricing, with discounts."""')
    decision = _decide(repo, {"pricing.py": noop}, report=report)
    # Then the flaky test proves nothing
    assert decision.verdict is Verdict.REJECT
    assert "fixes_the_error" in _failed(decision), decision.reasons
    assert "flaky at the base commit" in _evidence(decision, "fixes_the_error")


def _run(label: str, problem: str | None = None, **outcomes: str) -> RunReport:
    tests = {f"tests/test_a.py::{name}": Outcome(outcome) for name, outcome in outcomes.items()}
    return RunReport(label, "pytest", tests=tests, collected=tuple(tests), problem=problem)


def test_an_incomplete_re_run_is_no_sample() -> None:
    # Given a test that failed in the base's run and passed only in a re-run that did not complete
    runs = {
        "suite before": _run("suite before", t="failed", u="passed"),
        "suite before, re-run 1": _run("suite before, re-run 1", "timed out", t="passed"),
        "suite after": _run("suite after", t="failed", u="passed"),
        "suite after, re-run 1": _run("suite after, re-run 1", t="passed"),
    }
    # When the re-runs are read
    seen = flakiness(runs, ())
    # Then the test is not flaky, so nothing excuses it; a test the base suite passed is no proof of a bug
    assert seen.flaky == frozenset()
    assert seen.excused == {"suite after": frozenset()}
    assert seen.passed_at_base == {"tests/test_a.py::u"}
