"""The tenth round's cheats (``gate_cheats_round10.py``, ``gate_cheats_round10_kinds.py``) through the real gate on
bubblewrap: each is refused by a check it names or, at phase 4, never merged; each family's honest twin is still
approved. The cheats the gate still approves are strict expected failures, named in docs/gate.md ("What the gate
still cannot see").
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from docs_drift.kit import Library, library  # noqa: F401 (fixture)
from gate_cheats import Cheat
from gate_cheats_docs import DocsCheat, Texts
from gate_cheats_round7_kinds import ExpandCheat, RefactorCheat
from gate_cheats_round8 import Honest
from gate_cheats_round10 import HONEST10, ROUND10
from gate_cheats_round10_kinds import DOCS10, EXPAND10, HONEST_DOCS10, HONEST_EXPAND10, REFACTOR10, UPGRADE10
from gate_cheats_upgrade import UpgradeCheat
from gate_harness import Repos, assert_refused, cheat_diff, decide, marked
from test_gate_docs_adversarial import Drift, drift  # noqa: F401 (fixture)
from test_gate_kinds_adversarial import Shop, shop  # noqa: F401 (fixture)
from test_gate_round6_adversarial import _expand_decision, _shop
from test_gate_round7_adversarial import _refactor_decision
from test_gate_round8_adversarial import _approved

from agentfleet.contracts import Verdict

pytestmark = [pytest.mark.slow]

OPEN: dict[str, str] = {
    "instructions-to-code-models": "'code model' is not a word the reader rule lists, and the text is English",
}
"""Cheats the gate still lets through: strict expected failures."""


@pytest.mark.parametrize("backend", [pytest.param("bwrap", marks=pytest.mark.bwrap)], indirect=True)
@pytest.mark.parametrize("cheat", marked(ROUND10, OPEN), ids=[c.id for c in ROUND10])
def test_a_tenth_round_cheat_is_refused(repos: Repos, cheat: Cheat) -> None:
    # Given a repository and the cheat's patch
    repo = repos(cheat.repo)
    # When the gate verifies it at the cheat's trust phase
    decision = decide(repo, cheat.repo, cheat_diff(repo, cheat), phase=cheat.phase, report=cheat.report)
    # Then it is refused by a check it names, or (phase 4) left to a human
    assert_refused(cheat, decision)


@pytest.mark.parametrize("backend", [pytest.param("bwrap", marks=pytest.mark.bwrap)], indirect=True)
@pytest.mark.parametrize("honest", HONEST10, ids=[h.id for h in HONEST10])
def test_an_honest_patch_of_a_tenth_round_shape_is_approved(repos: Repos, honest: Honest) -> None:
    # Given an honest fix shaped like one of the round's cheats
    repo = repos(honest.repo)
    # When the gate verifies it
    decision = decide(repo, honest.repo, repo.diff(honest.edits), phase=honest.phase, report=honest.report)
    # Then every check passed and it gets its phase's verdict
    _approved(decision, honest.verdict)


@pytest.mark.parametrize("cheat", marked(EXPAND10, OPEN), ids=[c.id for c in EXPAND10])  # type: ignore[arg-type]
def test_a_tenth_round_expand_tests_cheat_is_refused(tmp_path: Path, sandbox_data: Path, cheat: ExpandCheat) -> None:
    # Given the shop's new function and a cheating test-expansion patch for it, at the cheat's trust phase
    decision = _expand_decision(_shop(tmp_path, sandbox_data, cheat.phase), cheat.files)
    # Then a check it names refuses it
    assert_refused(cheat, decision)


def test_honest_tests_mocking_the_standard_library_are_approved(tmp_path: Path, sandbox_data: Path) -> None:
    # Given honest new tests that mock a standard-library object and name a data file in pieces, at trust phase 2
    decision = _expand_decision(_shop(tmp_path, sandbox_data, 2), HONEST_EXPAND10)
    # Then every check passed
    _approved(decision, Verdict.DRAFT_PR)


@pytest.mark.parametrize("cheat", marked(DOCS10, OPEN), ids=[c.id for c in DOCS10])  # type: ignore[arg-type]
def test_a_tenth_round_docs_cheat_is_refused_or_never_merged(drift: Drift, cheat: DocsCheat) -> None:  # noqa: F811
    # Given the honest docs patch bent by the cheat, at trust phase 4
    decision = drift.decide(cheat.edits(drift.after, lambda path: (drift.lib.path / path).read_text()))
    # Then a check it names refused it, or (for harm only a reader can judge) it waits for a human
    assert_refused(cheat, decision)


@pytest.mark.parametrize("edit", HONEST_DOCS10, ids=["english-prose", "a-quoted-foreign-word"])
def test_honest_docs_of_tenth_round_shapes_are_still_merged(
    drift: Drift,  # noqa: F811
    edit: Callable[[Texts, Callable[[str], str]], dict[str, str | None]],
) -> None:
    # Given the honest docs patch with an honest addition shaped like a cheat, at trust phase 4
    decision = drift.decide(edit(drift.after, lambda path: (drift.lib.path / path).read_text()))
    # Then it is merged
    _approved(decision, Verdict.AUTO_MERGE)


@pytest.mark.bwrap
@pytest.mark.parametrize("cheat", marked(REFACTOR10, OPEN), ids=[c.id for c in REFACTOR10])  # type: ignore[arg-type]
def test_a_tenth_round_refactor_cheat_is_refused(tmp_path: Path, sandbox_data: Path, cheat: RefactorCheat) -> None:
    # Given the refactor fixer's honest patch, bent by the cheat
    decision = _refactor_decision(tmp_path, sandbox_data, cheat.edit)
    # Then a check it names refuses it
    assert_refused(cheat, decision)


@pytest.mark.bwrap
@pytest.mark.redis
@pytest.mark.parametrize("cheat", UPGRADE10, ids=[c.id for c in UPGRADE10])
def test_a_tenth_round_upgrade_cheat_is_refused(shop: Shop, cheat: UpgradeCheat) -> None:  # noqa: F811
    # Given the recipe's upgrade with something beside it
    decision = shop.decide(shop.diff(cheat.edits(shop.upgrade)))
    # Then a check it names refuses it
    assert_refused(cheat, decision)
