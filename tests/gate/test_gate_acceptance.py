"""Acceptance: the gate re-verifies patches itself in a fresh bwrap sandbox and rejects the bad ones."""

from __future__ import annotations

import pytest

from agentfleet.contracts import GateDecision, InvestigationReport, Reproduction, Verdict
from agentfleet.flow.gate.stage import verify
from gate.kit import FIXED, PRICING, REGRESSION_TEST, TESTS, GateRepo

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


def test_dependency_work_may_change_the_lockfile(gate_repo: GateRepo) -> None:
    decision = _decide(gate_repo, gate_repo.diff({"poetry.lock": "# lock v2\n"}), kind="upgrade_dependency")
    assert _failed(decision) == set()
    assert decision.verdict is Verdict.REPORT
