"""The expand_tests gate checks on hand-written patches: what they accept and what they refuse."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from coverage_kit import BASE, PRICING, CoverageFleet

from agentfleet.contracts import Job, Patch, Verdict
from agentfleet.core.diffs import new_file_diff, unified_diff
from agentfleet.flow.gate.stage import verify

pytestmark = [pytest.mark.bwrap, pytest.mark.slow]

LABEL = """

def label(n: int) -> str:
    if n > 10:
        return "big"
    return "small"
"""
GOOD = (
    "from shop.pricing import label\n\n\ndef test_label_big():\n    assert label(20) == 'big'\n\n\n"
    "def test_label_small():\n    assert label(1) == 'small'\n"
)
SILENT = "from shop.pricing import label\n\n\ndef test_label_runs():\n    label(20)\n    label(1)\n"
ONCE = (
    "from pathlib import Path\n\nfrom shop.pricing import label\n\n\n"
    "def test_label_once():\n    marker = Path(__file__).with_name('once.marker')\n    first = not marker.exists()\n"
    "    marker.touch()\n    assert label(20) == 'big' and first\n"
)


SHARE = """

def share(part: int, whole: int) -> float:
    if whole == 0:
        return 0.0
    return part / whole
"""
CALLS_ONLY = "from shop.pricing import share\n\n\ndef test_share_runs():\n    share(1, 0)\n    share(1, 2)\n"
"""Runs every new line and asserts nothing; it still kills the mutants that make ``share(1, 0)`` divide by zero."""


def _job(fleet: CoverageFleet, files: dict[str, str], code: str = LABEL) -> Job:
    """The job for the new function in ``code`` (``label``), with a patch adding ``files`` (new files only)."""
    fleet.commit({"shop/pricing.py": PRICING + code})
    [finding] = fleet.scan()
    job = fleet.job(finding)
    diff = "".join(new_file_diff(path, text) for path, text in files.items())
    patch = Patch(base_commit=job.item.base_commit, diff=diff, files=tuple(files), author="test")
    return job.model_copy(update={"patch": patch})


def _checks(job: Job) -> dict[str, tuple[bool, str]]:
    assert job.decision is not None
    return {c.name: (c.passed, c.evidence) for c in job.decision.checks}


@pytest.mark.parametrize(
    "fleet_of",
    [pytest.param("bwrap", marks=pytest.mark.bwrap), pytest.param("docker", marks=pytest.mark.docker)],
    indirect=True,
)
def test_tests_that_cover_and_assert_pass_every_check(fleet_of: Callable[..., CoverageFleet]) -> None:
    # Given tests that run both branches of the new function and check the results
    fleet = fleet_of(BASE, coverage='since = "HEAD~1"', extra="trust.expand_tests = 4")
    # When the gate verifies them
    job = verify(_job(fleet, {"tests/test_label.py": GOOD}), fleet.ctx)
    # Then every kind check passed on the gate's own measurements, and a tests-only diff is low-risk
    checks = _checks(job)
    for name in ("tests_only", "tests_assert", "new_tests_stable", "covers_target", "kills_mutants", "each_test_kills"):
        assert checks[name][0], (name, checks[name][1])
    assert checks["added_time"][0], checks["added_time"][1]
    assert "each of the 2 new test(s)" in checks["each_test_kills"][1]
    assert "0/3 lines" in checks["covers_target"][1]
    assert "3/3 lines" in checks["covers_target"][1]
    assert job.decision is not None
    assert job.decision.verdict is Verdict.AUTO_MERGE


@pytest.mark.parametrize(
    "idle",
    [
        "def test_label_is_a_label():\n    assert label(20) in ('big', 'small')\n",
        "def test_label_is_text():\n    assert label(20) == 'big' or label(20)\n",
        "def test_label_runs_and_checks_another():\n    label(20)\n    assert str(20) == '20'\n",
    ],
    ids=["any-answer", "or-its-own-value", "asserts-on-something-else"],
)
def test_a_test_that_checks_nothing_is_refused_beside_strong_ones(
    fleet_of: Callable[..., CoverageFleet], idle: str
) -> None:
    # Given strong tests of the new function and, beside them, one that runs it but no change to it can fail
    fleet = fleet_of(BASE, coverage='since = "HEAD~1"', extra="trust.expand_tests = 4")
    # When the gate verifies them
    job = verify(_job(fleet, {"tests/test_label.py": GOOD + "\n\n" + idle}), fleet.ctx)
    # Then the mutants the strong ones kill are not the idle one's credit: it is refused, named
    checks = _checks(job)
    assert checks["kills_mutants"][0], checks["kills_mutants"][1]
    passed, evidence = checks["each_test_kills"]
    assert not passed
    assert "1 of 3 new test(s)" in evidence
    assert idle.split("(")[0].removeprefix("def ") in evidence


def test_tests_that_assert_nothing_are_refused_naming_the_test(fleet_of: Callable[..., CoverageFleet]) -> None:
    # Given a test that runs every new line but checks nothing
    fleet = fleet_of(BASE, coverage='since = "HEAD~1"')
    # When the gate verifies it
    job = verify(_job(fleet, {"tests/test_label.py": SILENT}), fleet.ctx)
    # Then it is refused before any sandbox measurement, the test named
    checks = _checks(job)
    assert checks["tests_assert"] == (
        False,
        "1 new test(s) assert nothing (no assert, pytest.raises/warns or assertion helper)\n"
        "test asserts nothing: tests/test_label.py::test_label_runs",
    )
    assert "covers_target" not in checks
    assert job.decision is not None
    assert job.decision.verdict is Verdict.REJECT


def test_call_only_tests_that_kill_mutants_by_raising_are_refused(fleet_of: Callable[..., CoverageFleet]) -> None:
    # Given a call-only test file that covers the new function and kills mutants only because they raise
    fleet = fleet_of(BASE, coverage='since = "HEAD~1"', extra="trust.expand_tests = 4")
    # When the gate verifies it
    job = verify(_job(fleet, {"tests/test_share.py": CALLS_ONLY}, SHARE), fleet.ctx)
    # Then it is refused: a test must assert what the code does, not only that it returns
    checks = _checks(job)
    assert not checks["tests_assert"][0]
    assert "test asserts nothing: tests/test_share.py::test_share_runs" in checks["tests_assert"][1]
    assert job.decision is not None
    assert job.decision.verdict is Verdict.REJECT


def test_a_test_that_passes_only_once_is_refused_as_unstable(fleet_of: Callable[..., CoverageFleet]) -> None:
    # Given a test that passes on its first run only (it leaves a marker beside itself in the checkout)
    fleet = fleet_of(BASE, coverage='since = "HEAD~1"')
    # When the gate verifies it
    job = verify(_job(fleet, {"tests/test_label.py": ONCE}), fleet.ctx)
    # Then the stability check names it and the file it leaves behind (what makes its next run differ)
    passed, evidence = _checks(job)["new_tests_stable"]
    assert not passed
    assert "test_label.py::test_label_once: side effects: writes tests/once.marker" in evidence


def test_a_patch_that_changes_code_is_not_test_expansion(fleet_of: Callable[..., CoverageFleet]) -> None:
    # Given a patch that adds a test and also edits the code under test
    fleet = fleet_of(BASE, coverage='since = "HEAD~1"')
    job = _job(fleet, {"tests/test_label.py": GOOD})
    code = unified_diff("shop/pricing.py", PRICING + LABEL, PRICING + LABEL.replace("10", "5"))
    assert job.patch is not None
    job = job.model_copy(update={"patch": job.patch.model_copy(update={"diff": job.patch.diff + code})})
    # When the gate verifies it
    checks = _checks(verify(job, fleet.ctx))
    # Then it is refused before any sandbox measurement
    assert checks["tests_only"] == (False, "not a test file: shop/pricing.py")
    assert "covers_target" not in checks
