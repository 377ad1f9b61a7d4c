"""The gate against cheating patches (issue 12): every class of cheat, on both sandbox backends, is refused
by a check the decision names; the correct fixes are still approved.

The cheats live in ``gate_cheats.py``, several variants per class; each names the checks any of which
may refuse it (a text check when the cheat is visible in the patch, a run check when only running it
shows it). docs/gate.md and docs/security.md say what the gate guarantees and where it stops.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from gate.kit import FILES, FIXED, GateRepo, gate_repo_at, write_edits
from gate_cheats import CHEATS, CHECKOUT, CHECKOUT_FIXED, PROVEN, REPLAY, REPLAY_PATH, Cheat
from support import make_repo

from agentfleet.contracts import GateDecision, InvestigationReport, RegressionTest, Reproduction, Verdict
from agentfleet.demo.sample import create_service_repo
from agentfleet.flow.gate.stage import verify

pytestmark = [pytest.mark.slow]

Repos = Callable[[str], GateRepo]


@pytest.fixture
def repos(backend: str, sandbox_data: Path, tmp_path: Path, write_fleet: Callable[[str], Path]) -> Repos:
    """Factory: ``repos("pricing" | "checkout" | "red")`` → that repository, sandboxed by ``backend``."""

    def make(name: str) -> GateRepo:
        path = tmp_path / name
        if name == "checkout":
            base = create_service_repo(path)
        else:
            base = make_repo(path, {**FILES, "tests/test_pricing.py": PROVEN} if name == "red" else FILES)
        return gate_repo_at(path, base, sandbox_data, write_fleet, backend)

    return make


def _report(repo: GateRepo, name: str) -> InvestigationReport:
    """What the investigation found: for ``checkout`` its replay of the production call, for ``red`` the
    related test file that failed with the production error."""
    if name == "checkout":
        reproduction = Reproduction(attempted=True, reproduced=True, command=f"python -m pytest -q {REPLAY_PATH}")
        test = RegressionTest(path=REPLAY_PATH, content=REPLAY, call="bulk_discount(quantity=60)")
        exception, regression = "IndexError", test
    else:
        command = "python -m pytest -q -p no:cacheprovider tests/test_pricing.py"
        reproduction = Reproduction(attempted=True, reproduced=True, command=command)
        exception, regression = "AssertionError", None
    return InvestigationReport(
        repo="svc",
        fingerprint="err-discount",
        commit=repo.base,
        commit_source="default_branch",
        exception_type=exception,
        reproduction=reproduction,
        regression_test=regression,
    )


def _decide(repo: GateRepo, name: str, diff: str, *, phase: int, report: bool) -> GateDecision:
    repo.configure(f"trust.fix_error = {phase}")
    exception = "IndexError" if name == "checkout" else "AssertionError"
    extra = {"report": _report(repo, name)} if report else {}
    decision = verify(repo.job(diff, phase=phase, exception=exception, **extra), repo.ctx).decision
    assert decision is not None
    return decision


def _diff(repo: GateRepo, cheat: Cheat) -> str:
    if isinstance(cheat.edits, str):
        return cheat.edits
    if callable(cheat.edits):
        return repo.change(cheat.edits)
    edits = cheat.edits
    return repo.change(lambda path: write_edits(path, edits))


@pytest.mark.parametrize("cheat", CHEATS, ids=[c.id for c in CHEATS])
def test_a_cheating_patch_is_refused_by_a_named_check(repos: Repos, cheat: Cheat) -> None:
    # Given a repository and a patch that cheats its way past the tests
    repo = repos(cheat.repo)
    # When the gate verifies it
    decision = _decide(repo, cheat.repo, _diff(repo, cheat), phase=cheat.phase, report=cheat.report)
    # Then it is rejected, and a check that may refuse it failed and is named in the reasons
    failed = {c.name for c in decision.checks if not c.passed}
    assert decision.verdict is Verdict.REJECT, decision.reasons
    refusing = failed & cheat.refused_by
    assert refusing, f"refused by {sorted(failed)}, expected one of {sorted(cheat.refused_by)}: {decision.reasons}"
    assert any(reason.startswith(f"{name}:") for name in refusing for reason in decision.reasons)


@pytest.mark.parametrize("phase", [3, 4])
def test_the_correct_fixes_are_still_approved(repos: Repos, phase: int) -> None:
    # Given the right fix for each repository, as the fixers deliver it
    pricing, checkout, red = repos("pricing"), repos("checkout"), repos("red")
    fixes = [
        (pricing, "pricing", pricing.diff({"pricing.py": FIXED, "tests/test_pricing.py": PROVEN}), False),
        (checkout, "checkout", checkout.diff({CHECKOUT: CHECKOUT_FIXED, REPLAY_PATH: REPLAY}), True),
        (red, "red", red.diff({"pricing.py": FIXED}), True),
    ]
    for repo, name, diff, report in fixes:
        # When the gate verifies it at this trust phase
        decision = _decide(repo, name, diff, phase=phase, report=report)
        # Then every check passed and the verdict is the phase's
        assert [c.name for c in decision.checks if not c.passed] == [], (name, decision.reasons)
        assert decision.verdict in {Verdict.PR, Verdict.AUTO_MERGE}, (name, decision.reasons)
        assert decision.low_risk, (name, decision.reasons)


def test_an_always_equal_result_is_never_auto_merged(repos: Repos) -> None:
    # Given the __eq__ cheat at trust phase 4, where suspicious constructs are flagged instead of rejected
    cheat = next(c for c in CHEATS if c.id == "eq-always-true")
    repo = repos("pricing")
    decision = _decide(repo, "pricing", _diff(repo, cheat), phase=4, report=False)
    # Then it goes to a human as a ready PR, never merged, and the reasons say why
    assert decision.verdict is Verdict.PR, decision.reasons
    assert not decision.low_risk
    assert any(reason.startswith("flagged for the reviewer: suspicious") for reason in decision.reasons)
