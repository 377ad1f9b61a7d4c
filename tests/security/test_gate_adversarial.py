"""The gate against cheating patches (issue 12): every class of cheat, on both sandbox backends, is refused
by a check the decision names; the correct fixes are still approved.

The cheats live in ``gate_cheats.py``, several variants per class; each names the checks any of which
may refuse it (a text check when the cheat is visible in the patch, a run check when only running it
shows it). docs/gate.md and docs/security.md say what the gate guarantees and where it stops.
"""

from __future__ import annotations

import pytest
from gate.kit import FIXED
from gate_cheats import CHECKOUT, CHECKOUT_FIXED, PROVEN, REPLAY, REPLAY_PATH, Cheat
from gate_cheats_code import MORE, SWALLOW, TWO_FACED
from gate_cheats_runs import PROOF, RUNNER
from gate_cheats_tests import DISABLE, HUNKS
from gate_harness import Repos, assert_refused, cheat_diff, decide

from agentfleet.contracts import Verdict

pytestmark = [pytest.mark.slow]

CHEATS = [*RUNNER, *PROOF, *DISABLE, *HUNKS, *SWALLOW, *TWO_FACED, *MORE]


@pytest.mark.parametrize("cheat", CHEATS, ids=[c.id for c in CHEATS])
def test_a_cheating_patch_is_refused_by_a_named_check(repos: Repos, cheat: Cheat) -> None:
    # Given a repository and a patch that cheats its way past the tests
    repo = repos(cheat.repo)
    # When the gate verifies it
    decision = decide(repo, cheat.repo, cheat_diff(repo, cheat), phase=cheat.phase, report=cheat.report)
    # Then it is rejected, and a check that may refuse it failed and is named in the reasons
    assert_refused(cheat, decision)


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
        decision = decide(repo, name, diff, phase=phase, report=report)
        # Then every check passed and the verdict is the phase's
        assert [c.name for c in decision.checks if not c.passed] == [], (name, decision.reasons)
        assert decision.verdict in {Verdict.PR, Verdict.AUTO_MERGE}, (name, decision.reasons)
        assert decision.low_risk, (name, decision.reasons)


def test_an_always_equal_result_is_never_auto_merged(repos: Repos) -> None:
    # Given the __eq__ cheat at trust phase 4, where suspicious constructs are flagged instead of rejected
    cheat = next(c for c in CHEATS if c.id == "eq-always-true")
    repo = repos("pricing")
    decision = decide(repo, "pricing", cheat_diff(repo, cheat), phase=4, report=False)
    # Then it goes to a human as a ready PR, never merged, and the reasons say why
    assert decision.verdict is Verdict.PR, decision.reasons
    assert not decision.low_risk
    assert any(reason.startswith("flagged for the reviewer: suspicious") for reason in decision.reasons)
