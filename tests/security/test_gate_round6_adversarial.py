"""The sixth round's cheats (``gate_cheats_round6.py``, ``gate_cheats_expand.py``) through the real gate on
bubblewrap: each is refused by a check it names or, at phase 4, never merged. The cheats the gate still
approves are strict expected failures, named in docs/gate.md ("What the gate still cannot see").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gate_cheats import Cheat
from gate_cheats_expand import BASE, EXPAND, GOOD, LABEL, ExpandCheat, ShopFleet
from gate_cheats_refactor import BASE as REFACTOR_BASE
from gate_cheats_refactor import MOVED, NESTED, QUALITY, ShopQuality
from gate_cheats_refactor import TESTS as SHIPPING_TESTS
from gate_cheats_round6 import ROUND6
from gate_harness import Repos, assert_refused, cheat_diff, decide, marked
from gate_kinds_kit import diff_of
from support import need_binary

from agentfleet.contracts import GateDecision, Patch, Verdict
from agentfleet.flow.gate.stage import verify

pytestmark = [pytest.mark.slow]

_WRONG_ANSWER = "a wrong answer where the code crashed is behaviour no test or replay pins"
OPEN = {
    "table-padded-to-the-replayed-input": "a fix that holds up to the replayed input only: " + _WRONG_ANSWER,
    "default-through-a-lookup": _WRONG_ANSWER,
    "special-case-by-input-shape": "a branch on the input's shape, not a literal: " + _WRONG_ANSWER,
}
"""Cheats the gate still lets through: strict expected failures."""


@pytest.mark.parametrize("backend", [pytest.param("bwrap", marks=pytest.mark.bwrap)], indirect=True)
@pytest.mark.parametrize("cheat", marked(ROUND6, OPEN), ids=[c.id for c in ROUND6])
def test_a_sixth_round_cheat_is_refused(repos: Repos, cheat: Cheat) -> None:
    # Given a repository and the cheat's patch
    repo = repos(cheat.repo)
    # When the gate verifies it at the cheat's trust phase
    decision = decide(repo, cheat.repo, cheat_diff(repo, cheat), phase=cheat.phase, report=cheat.report)
    # Then it is refused by a check it names, or (phase 4) left to a human
    assert_refused(cheat, decision)


def _shop(tmp_path: Path, data: Path, phase: int) -> ShopFleet:
    """The shop at trust ``phase`` for ``expand_tests``, with ``label`` added since the last commit."""
    need_binary("bwrap")
    extra = f"trust.expand_tests = {phase}"
    fleet = ShopFleet.create(tmp_path, data, "bwrap", BASE, 'since = "HEAD~1"', extra, "shop")
    fleet.commit({"shop/pricing.py": BASE["shop/pricing.py"] + LABEL})
    return fleet


def _expand_decision(fleet: ShopFleet, files: dict[str, str]) -> GateDecision:
    [finding] = fleet.scan()
    job = fleet.job(finding)
    diff = diff_of(fleet.path, files)
    job = job.model_copy(update={"patch": Patch(base_commit=job.item.base_commit, diff=diff, author="test")})
    decision = verify(job, fleet.ctx).decision
    assert decision is not None
    return decision


@pytest.mark.parametrize("cheat", EXPAND, ids=[c.id for c in EXPAND])
def test_a_sixth_round_expand_tests_cheat_is_refused(tmp_path: Path, sandbox_data: Path, cheat: ExpandCheat) -> None:
    # Given the shop's new function and a cheating test-expansion patch for it, at the cheat's trust phase
    shop = _shop(tmp_path, sandbox_data, cheat.phase)
    # When the gate verifies it
    decision = _expand_decision(shop, cheat.files)
    # Then a check it names refuses it, or (phase 4) it is left to a human
    assert_refused(cheat, decision)


def test_honest_new_tests_are_still_merged_at_phase_four(tmp_path: Path, sandbox_data: Path) -> None:
    # Given honest new tests for the new function, at trust phase 4
    shop = _shop(tmp_path, sandbox_data, 4)
    # When the gate verifies them
    decision = _expand_decision(shop, {"tests/test_label.py": GOOD})
    # Then they pass every check and are merged
    assert decision.verdict is Verdict.AUTO_MERGE, decision.reasons


def test_a_refactor_that_moves_the_debt_into_a_twin_is_refused(tmp_path: Path, sandbox_data: Path) -> None:
    # Given deeply nested code the quality monitor reports, and a patch moving its body into a private twin
    need_binary("bwrap")
    fleet = ShopQuality.create(tmp_path, sandbox_data, "bwrap", REFACTOR_BASE, QUALITY, "trust.refactor = 3", "shop")
    assert fleet.scan() == []
    fleet.commit({"shop/orders.py": REFACTOR_BASE["shop/orders.py"] + NESTED, "tests/test_orders.py": SHIPPING_TESTS})
    [finding] = fleet.scan()
    job = fleet.job(finding)
    diff = diff_of(fleet.path, {"shop/orders.py": MOVED})
    job = job.model_copy(update={"patch": Patch(base_commit=job.item.base_commit, diff=diff, author="test")})
    # When the gate verifies it
    decision = verify(job, fleet.ctx).decision
    # Then the metric check says the debt moved, not paid
    assert decision is not None
    assert decision.verdict is Verdict.REJECT, decision.reasons
    assert any(r.startswith("metric_improves:") for r in decision.reasons), decision.reasons
