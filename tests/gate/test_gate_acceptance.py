"""Acceptance: the gate re-verifies patches itself in a fresh bwrap sandbox and rejects the bad ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support import make_repo

from agentfleet.contracts import GateDecision, InvestigationReport, Reproduction, Verdict
from agentfleet.flow.gate.stage import verify
from gate.kit import FILES, FIXED, PRICING, REGRESSION_TEST, TESTS, GateRepo, gate_repo_at

pytestmark = [pytest.mark.bwrap, pytest.mark.slow]


def _decide(gate_repo: GateRepo, diff: str, **job: object) -> GateDecision:
    decision = verify(gate_repo.job(diff, **job), gate_repo.ctx).decision  # type: ignore[arg-type]
    assert decision is not None
    return decision


def _failed(decision: GateDecision) -> set[str]:
    return {check.name for check in decision.checks if not check.passed}


def _good_patch(gate_repo: GateRepo) -> str:
    return gate_repo.diff({"pricing.py": FIXED, "tests/test_pricing.py": TESTS + REGRESSION_TEST})


@pytest.mark.parametrize(
    ("phase", "verdict"),
    [(1, Verdict.REPORT), (2, Verdict.DRAFT_PR), (3, Verdict.PR), (4, Verdict.AUTO_MERGE)],
)
def test_the_same_passing_patch_travels_as_far_as_the_trust_phase(
    gate_repo: GateRepo, phase: int, verdict: Verdict
) -> None:
    # Given a correct fix with a regression test, and the repo at this trust phase
    gate_repo.configure(f"trust.fix_error = {phase}")
    # When the gate verifies it
    decision = _decide(gate_repo, _good_patch(gate_repo), phase=phase)
    # Then every check passed, with evidence, and the verdict follows the phase
    assert _failed(decision) == set()
    assert decision.verdict is verdict
    checks = {c.name: c.evidence for c in decision.checks}
    assert "fails before and passes after" in checks["fixes_the_error"]
    assert "1 failed" in checks["fixes_the_error"]
    assert "3 passed" in checks["test_suite"]
    assert decision.low_risk is True


def test_auto_merge_falls_back_to_a_pr_when_the_public_api_changes(gate_repo: GateRepo) -> None:
    gate_repo.configure("trust.fix_error = 4")
    fixed = FIXED.replace("discount: float = 0.0)", "discount: float = 0.0, tax: float = 0.0)")
    decision = _decide(
        gate_repo, gate_repo.diff({"pricing.py": fixed, "tests/test_pricing.py": TESTS + REGRESSION_TEST}), phase=4
    )
    assert decision.verdict is Verdict.PR
    assert decision.low_risk is False
    assert any("public API changes: changed pricing.order_total" in reason for reason in decision.reasons)


def test_a_wrong_patch_is_rejected(gate_repo: GateRepo) -> None:
    wrong = PRICING.replace("subtotal * (1 + discount)", "subtotal * (1 + discount) - 0")
    decision = _decide(
        gate_repo, gate_repo.diff({"pricing.py": wrong, "tests/test_pricing.py": TESTS + REGRESSION_TEST})
    )
    assert decision.verdict is Verdict.REJECT
    assert _failed(decision) == {"fixes_the_error", "test_suite"}
    assert any(
        reason.startswith("fixes_the_error: the regression test(s) the patch adds does not fail before and pass after")
        for reason in decision.reasons
    )


def test_a_test_deleting_patch_is_rejected(gate_repo: GateRepo) -> None:
    # The fix comes with a regression test, but also deletes an existing test
    weakened = TESTS.split("\n\ndef test_order_total_without_discount")[0] + "\n" + REGRESSION_TEST
    decision = _decide(gate_repo, gate_repo.diff({"pricing.py": FIXED, "tests/test_pricing.py": weakened}))
    assert decision.verdict is Verdict.REJECT
    assert _failed(decision) == {"tests_not_weakened"}
    assert "test_order_total_without_discount" in next(
        c.evidence for c in decision.checks if c.name == "tests_not_weakened"
    )


def test_a_patch_cannot_hide_a_weakened_test_by_rewriting_files_while_its_tests_run(gate_repo: GateRepo) -> None:
    # The patch deletes a test and adds a conftest.py that puts the original file back while the suite runs
    weakened = TESTS.split("\n\ndef test_order_total_without_discount")[0] + "\n" + REGRESSION_TEST
    original = TESTS + REGRESSION_TEST
    target = "pathlib.Path(__file__).parent.joinpath('tests', 'test_pricing.py')"
    restore = f"import pathlib\n\n{target}.write_text({original!r})\n"
    diff = gate_repo.diff({"pricing.py": FIXED, "tests/test_pricing.py": weakened, "conftest.py": restore})
    decision = _decide(gate_repo, diff)
    # The gate judges the patch it will deliver, not what the files look like after the patch's code ran
    assert decision.verdict is Verdict.REJECT
    assert "tests_not_weakened" in _failed(decision)


def test_an_exception_swallowing_patch_is_rejected(gate_repo: GateRepo) -> None:
    swallowing = FIXED.replace(
        "    subtotal = sum(line_total(price, qty) for price, qty in lines)\n",
        "    try:\n        subtotal = sum(line_total(price, qty) for price, qty in lines)\n"
        "    except Exception:\n        return 0.0\n",
    )
    decision = _decide(
        gate_repo, gate_repo.diff({"pricing.py": swallowing, "tests/test_pricing.py": TESTS + REGRESSION_TEST})
    )
    assert decision.verdict is Verdict.REJECT
    assert _failed(decision) == {"no_swallowed_exceptions"}
    assert "pricing.py" in decision.reasons[0]


def test_a_patch_touching_ci_config_is_rejected_before_any_sandbox(gate_repo: GateRepo) -> None:
    diff = gate_repo.diff({"pricing.py": FIXED, ".github/workflows/ci.yml": "name: ci\non: push\njobs: {}\n"})
    decision = _decide(gate_repo, diff)
    assert decision.verdict is Verdict.REJECT
    assert _failed(decision) == {"forbidden_paths"}
    assert ".github/workflows/ci.yml (forbidden: .github/*)" in decision.reasons[0]
    assert "sandbox checks not run" in decision.reasons[-1]


def test_an_oversized_patch_is_rejected(gate_repo: GateRepo) -> None:
    gate_repo.configure("gate.max_lines = 20")
    padding = "".join(f"CONSTANT_{i} = {i}\n" for i in range(40))
    decision = _decide(
        gate_repo, gate_repo.diff({"pricing.py": FIXED + padding, "tests/test_pricing.py": TESTS + REGRESSION_TEST})
    )
    assert decision.verdict is Verdict.REJECT
    assert _failed(decision) == {"diff_limits"}
    assert "changed lines > max_lines=20" in decision.reasons[0]


def test_a_patch_without_proof_is_rejected(gate_repo: GateRepo) -> None:
    decision = _decide(gate_repo, gate_repo.diff({"pricing.py": FIXED}))
    assert decision.verdict is Verdict.REJECT
    assert _failed(decision) == {"fixes_the_error"}
    assert "nothing shows the fix works" in decision.reasons[0]


def test_the_investigations_reproduction_can_be_the_proof(gate_repo: GateRepo) -> None:
    # Given an investigation that reproduced the error with a command, and a fix without a new test
    reproduction = Reproduction(
        attempted=True,
        reproduced=True,
        command="python -c 'from pricing import order_total; assert order_total([(10.0, 1)], discount=0.1) == 9.0'",
    )
    report = InvestigationReport(
        repo="svc",
        fingerprint="err-discount",
        commit=gate_repo.base,
        commit_source="default_branch",
        exception_type="AssertionError",
        reproduction=reproduction,
    )
    # When the gate verifies the fix
    decision = _decide(gate_repo, gate_repo.diff({"pricing.py": FIXED}), report=report)
    # Then the reproduction failed before and passed after (and the repo's default phase 1 makes it a report)
    assert _failed(decision) == set()
    assert decision.verdict is Verdict.REPORT
    proof = next(c.evidence for c in decision.checks if c.name == "fixes_the_error")
    assert "the investigation's reproduction fails before and passes after" in proof


def test_a_patch_that_does_not_apply_is_rejected(gate_repo: GateRepo) -> None:
    stale = gate_repo.diff({"pricing.py": FIXED}).replace("(1 + discount)", "(1 * discount)")
    decision = _decide(gate_repo, stale)
    assert decision.verdict is Verdict.REJECT
    assert _failed(decision) == {"applies"}


def test_dependency_work_may_change_its_manifest_by_the_recipes_edit_only(gate_repo: GateRepo) -> None:
    decision = _decide(gate_repo, gate_repo.diff({"requirements.txt": "x==2\n"}), kind="upgrade_dependency")
    assert _failed(decision) == set()
    assert decision.verdict is Verdict.REPORT
    # a lock file is not a forbidden path for dependency work, but it is not the recipe's edit of the manifest
    decision = _decide(gate_repo, gate_repo.diff({"poetry.lock": "# lock v2\n"}), kind="upgrade_dependency")
    assert _failed(decision) == {"upgrade_only"}
    assert "poetry.lock: not the manifest requirements.txt" in _evidence(decision, "upgrade_only")


BROKEN = {"tests/test_unrelated.py": "def test_already_broken():\n    assert False\n"}


@pytest.fixture
def red_repo(tmp_path: Path, sandbox_data: Path, write_fleet: Callable[[str], Path]) -> GateRepo:
    """The service repo whose default branch already has a failing, unrelated test."""
    path = tmp_path / "svc"
    return gate_repo_at(path, make_repo(path, {**FILES, **BROKEN}), sandbox_data, write_fleet, "bwrap")


def _evidence(decision: GateDecision, name: str) -> str:
    return next(c.evidence for c in decision.checks if c.name == name)


def test_a_security_upgrade_is_judged_by_what_it_breaks_on_a_red_branch(red_repo: GateRepo) -> None:
    # Given a default branch whose suite is already red, and a dependency upgrade that breaks nothing new
    decision = _decide(red_repo, red_repo.diff({"requirements.txt": "x==2\n"}), kind="upgrade_dependency")
    # Then it passes, and the evidence says plainly which test was already failing
    assert _failed(decision) == set(), decision.reasons
    suite = _evidence(decision, "test_suite")
    assert "already failing at the base commit" in suite
    assert "tests/test_unrelated.py::test_already_broken" in suite


PINNED = """from pathlib import Path


def test_x_is_pinned_to_1():
    assert "x==1" in (Path(__file__).parents[1] / "requirements.txt").read_text()
"""


def test_an_upgrade_that_breaks_a_passing_test_is_rejected_naming_it(
    tmp_path: Path, sandbox_data: Path, write_fleet: Callable[[str], Path]
) -> None:
    # Given a red branch with a passing test that depends on the pinned version
    path = tmp_path / "svc"
    files = {**FILES, **BROKEN, "tests/test_pin.py": PINNED}
    repo = gate_repo_at(path, make_repo(path, files), sandbox_data, write_fleet, "bwrap")
    # When the upgrade breaks it
    decision = _decide(repo, repo.diff({"requirements.txt": "x==2\n"}), kind="upgrade_dependency")
    # Then the suite check names the newly failing test, not the one already failing
    assert decision.verdict is Verdict.REJECT
    assert "test_suite" in _failed(decision)
    reason = next(r for r in decision.reasons if r.startswith("test_suite:"))
    assert "newly failing" in reason
    assert "tests/test_pin.py::test_x_is_pinned_to_1" in reason
    assert "test_already_broken" not in reason


def test_code_changed_beside_an_upgrade_is_refused_before_any_sandbox(red_repo: GateRepo) -> None:
    broken = PRICING.replace("return price * quantity", "return price * quantity + 1")
    diff = red_repo.diff({"requirements.txt": "x==2\n", "pricing.py": broken})
    decision = _decide(red_repo, diff, kind="upgrade_dependency")
    assert _failed(decision) == {"upgrade_only"}
    assert "test_suite" not in {c.name for c in decision.checks}


def test_judging_by_new_failures_is_configurable(red_repo: GateRepo) -> None:
    red_repo.configure("gate.judge_by_new_failures = []")
    decision = _decide(red_repo, red_repo.diff({"requirements.txt": "x==2\n"}), kind="upgrade_dependency")
    assert decision.verdict is Verdict.REJECT
    assert _failed(decision) == {"test_suite"}
    assert "already failing at the base commit" in _evidence(decision, "test_suite")


def test_other_work_on_a_red_branch_still_needs_a_green_suite(red_repo: GateRepo) -> None:
    decision = _decide(red_repo, _good_patch(red_repo))
    assert decision.verdict is Verdict.REJECT
    assert _failed(decision) == {"test_suite"}
    assert "already failing at the base commit (the suite must be green)" in _evidence(decision, "test_suite")


def test_runs_that_hold_nothing_of_the_patch_are_done_once_per_base_commit(
    gate_repo: GateRepo, caplog: pytest.LogCaptureFixture
) -> None:
    # Given a patch the gate already verified once
    diff = _good_patch(gate_repo)
    first = _decide(gate_repo, diff)
    # When it verifies the same patch again
    with caplog.at_level("INFO", logger="agentfleet.flow.gate.runs"):
        second = _decide(gate_repo, diff)
    # Then the base commit's suite came from the cache, the patched runs ran again, and nothing changed
    assert "label='suite before'" in caplog.text
    assert "cached: nothing of the patch in it" in caplog.text
    assert "label='suite after' repo=svc 3 passed in" in caplog.text
    assert second.verdict is first.verdict
    assert [c.evidence for c in second.checks] == [c.evidence for c in first.checks]


def test_the_base_commits_addopts_are_kept_where_the_tests_need_them(
    tmp_path: Path, sandbox_data: Path, write_fleet: Callable[[str], Path]
) -> None:
    # Given tests that only import under importlib mode (two test files with one basename), set in pytest.ini
    # next to options that would stop or narrow a run
    ini = "[pytest]\naddopts = --import-mode=importlib -x --co -p no:python\n"
    same = "from pricing import line_total\n\n\ndef test_{0}():\n    assert line_total(1.0, 1) == 1.0\n"
    files = {
        **FILES,
        "pytest.ini": ini,
        "tests/a/test_same.py": same.format("a"),
        "tests/b/test_same.py": same.format("b"),
    }
    repo = gate_repo_at(tmp_path / "svc", make_repo(tmp_path / "svc", files), sandbox_data, write_fleet, "bwrap")
    # When the gate verifies the correct fix
    decision = _decide(repo, _good_patch(repo))
    # Then every test ran under importlib mode and the others were dropped: the fix passes
    assert _failed(decision) == set(), decision.reasons
    assert "5 passed" in _evidence(decision, "test_suite")
