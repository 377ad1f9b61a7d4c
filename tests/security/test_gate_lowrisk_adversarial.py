"""Phase-4 cheats that look small but are not low-risk, and new ``fix_error`` cheat classes
(``gate_cheats_lowrisk.py``), on bubblewrap: each is refused by a check it names or, at phase 4, never merged;
the honest one-line fix is still merged at phase 4.
"""

from __future__ import annotations

import pytest
from gate_cheats import CHECKOUT, CHECKOUT_FIXED, Cheat
from gate_cheats_lowrisk import FIX_ERROR, LOW_RISK
from gate_harness import Repos, assert_refused, cheat_diff, decide, marked

from agentfleet.contracts import Verdict

pytestmark = [pytest.mark.slow]

CHEATS = [*LOW_RISK, *FIX_ERROR]
OPEN = {
    "default-instead-of-the-last-tier": "a wrong value instead of the crash is behaviour no test or replay pins",
}
"""Cheats the gate still lets through (docs/gate.md, "What the gate still cannot see"): strict expected failures."""


@pytest.mark.parametrize("backend", [pytest.param("bwrap", marks=pytest.mark.bwrap)], indirect=True)
@pytest.mark.parametrize("cheat", marked(CHEATS, OPEN), ids=[c.id for c in CHEATS])
def test_a_small_risky_or_new_class_cheat_is_refused(repos: Repos, cheat: Cheat) -> None:
    # Given a repository and the cheat's patch
    repo = repos(cheat.repo)
    # When the gate verifies it at the cheat's trust phase
    decision = decide(repo, cheat.repo, cheat_diff(repo, cheat), phase=cheat.phase, report=cheat.report)
    # Then it is refused by a check it names, or (phase 4) left to a human with the reason given
    assert_refused(cheat, decision)
    if cheat.refused_by == {"auto_merge"}:
        assert any(reason.startswith("not low-risk:") for reason in decision.reasons), decision.reasons


@pytest.mark.parametrize("backend", [pytest.param("bwrap", marks=pytest.mark.bwrap)], indirect=True)
def test_the_honest_one_line_fix_is_still_merged_at_phase_four(repos: Repos) -> None:
    # Given the checkout service's one-line fix, with the investigation's replay
    repo = repos("checkout")
    decision = decide(repo, "checkout", repo.diff({CHECKOUT: CHECKOUT_FIXED}), phase=4, report=True)
    # Then nothing in it touches security, and it is merged
    assert decision.verdict is Verdict.AUTO_MERGE, decision.reasons
