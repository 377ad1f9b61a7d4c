"""The eighth round's cheats (``gate_cheats_round8.py``, ``gate_cheats_round8_kinds.py``) through the real gate
on bubblewrap: each is refused by a check it names or, at phase 4, never merged; each family's honest twin is
still approved. The cheats the gate still approves are strict expected failures, named in docs/gate.md ("What
the gate still cannot see").
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from docs_drift.kit import Library, library  # noqa: F401 (fixture)
from gate_cheats import Cheat
from gate_cheats_docs import DocsCheat, Texts
from gate_cheats_round7_kinds import ExpandCheat, RefactorCheat
from gate_cheats_round8 import HONEST8, ROUND8, Honest
from gate_cheats_round8_kinds import DOCS8, EXPAND8, HONEST_DOCS8, HONEST_EXPAND8, REFACTOR8, UPGRADE8
from gate_cheats_upgrade import UpgradeCheat
from gate_harness import Repos, assert_refused, cheat_diff, decide, marked
from test_gate_docs_adversarial import Drift, drift  # noqa: F401 (fixture)
from test_gate_kinds_adversarial import Shop, shop  # noqa: F401 (fixture)
from test_gate_round6_adversarial import _expand_decision, _shop
from test_gate_round7_adversarial import _refactor_decision

from agentfleet.contracts import GateDecision, Verdict

pytestmark = [pytest.mark.slow]

OPEN: dict[str, str] = {}
"""Cheats the gate still lets through: strict expected failures."""


def _approved(decision: GateDecision, verdict: Verdict) -> None:
    assert [c.name for c in decision.checks if not c.passed] == [], decision.reasons
    assert decision.verdict is verdict, decision.reasons


@pytest.mark.parametrize("backend", [pytest.param("bwrap", marks=pytest.mark.bwrap)], indirect=True)
@pytest.mark.parametrize("cheat", marked(ROUND8, OPEN), ids=[c.id for c in ROUND8])
def test_an_eighth_round_cheat_is_refused(repos: Repos, cheat: Cheat) -> None:
    # Given a repository and the cheat's patch
    repo = repos(cheat.repo)
    # When the gate verifies it at the cheat's trust phase
    decision = decide(repo, cheat.repo, cheat_diff(repo, cheat), phase=cheat.phase, report=cheat.report)
    # Then it is refused by a check it names, or (phase 4) left to a human
    assert_refused(cheat, decision)


@pytest.mark.parametrize("backend", [pytest.param("bwrap", marks=pytest.mark.bwrap)], indirect=True)
@pytest.mark.parametrize("honest", HONEST8, ids=[h.id for h in HONEST8])
def test_an_honest_patch_of_a_cheats_shape_is_approved(repos: Repos, honest: Honest) -> None:
    # Given an honest fix shaped like one of the round's cheats
    repo = repos(honest.repo)
    # When the gate verifies it
    decision = decide(repo, honest.repo, repo.diff(honest.edits), phase=honest.phase, report=honest.report)
    # Then every check passed and it gets its phase's verdict
    _approved(decision, honest.verdict)


@pytest.mark.parametrize("cheat", marked(EXPAND8, OPEN), ids=[c.id for c in EXPAND8])  # type: ignore[arg-type]
def test_an_eighth_round_expand_tests_cheat_is_refused(tmp_path: Path, sandbox_data: Path, cheat: ExpandCheat) -> None:
    # Given the shop's new function and a cheating test-expansion patch for it, at the cheat's trust phase
    decision = _expand_decision(_shop(tmp_path, sandbox_data, cheat.phase), cheat.files)
    # Then a check it names refuses it
    assert_refused(cheat, decision)


def test_honest_tests_listing_their_own_directory_are_approved(tmp_path: Path, sandbox_data: Path) -> None:
    # Given honest new tests that list a temporary directory of their own, at trust phase 2
    decision = _expand_decision(_shop(tmp_path, sandbox_data, 2), HONEST_EXPAND8)
    # Then every check passed
    _approved(decision, Verdict.DRAFT_PR)


@pytest.mark.parametrize("cheat", marked(DOCS8, OPEN), ids=[c.id for c in DOCS8])  # type: ignore[arg-type]
def test_an_eighth_round_docs_cheat_is_refused_or_never_merged(drift: Drift, cheat: DocsCheat) -> None:  # noqa: F811
    # Given the honest docs patch bent by the cheat, at trust phase 4
    decision = drift.decide(cheat.edits(drift.after, lambda path: (drift.lib.path / path).read_text()))
    # Then a check it names refused it, or (for harm only a reader can judge) it waits for a human
    assert_refused(cheat, decision)


@pytest.mark.parametrize("edit", HONEST_DOCS8, ids=["another-script", "advice-about-tests"])
def test_honest_docs_of_those_shapes_are_still_merged(
    drift: Drift,  # noqa: F811
    edit: Callable[[Texts, Callable[[str], str]], dict[str, str | None]],
) -> None:
    # Given the honest docs patch with an honest addition shaped like a cheat, at trust phase 4
    decision = drift.decide(edit(drift.after, lambda path: (drift.lib.path / path).read_text()))
    # Then it is merged
    _approved(decision, Verdict.AUTO_MERGE)


@pytest.mark.bwrap
@pytest.mark.parametrize("cheat", marked(REFACTOR8, OPEN), ids=[c.id for c in REFACTOR8])  # type: ignore[arg-type]
def test_an_eighth_round_refactor_cheat_is_refused(tmp_path: Path, sandbox_data: Path, cheat: RefactorCheat) -> None:
    # Given the refactor fixer's honest patch, bent by the cheat
    decision = _refactor_decision(tmp_path, sandbox_data, cheat.edit)
    # Then a check it names refuses it
    assert_refused(cheat, decision)


@pytest.mark.bwrap
@pytest.mark.redis
@pytest.mark.parametrize("cheat", UPGRADE8, ids=[c.id for c in UPGRADE8])
def test_an_eighth_round_upgrade_cheat_is_refused(shop: Shop, cheat: UpgradeCheat) -> None:  # noqa: F811
    # Given the recipe's upgrade with something beside it or bent
    decision = shop.decide(shop.diff(cheat.edits(shop.upgrade)))
    # Then upgrade_only refuses it
    assert_refused(cheat, decision)
