"""The seventh round's cheats (``gate_cheats_round7.py``, ``gate_cheats_round7_kinds.py``) through the real gate
on bubblewrap: each is refused by a check it names or, at phase 4, never merged. The cheats the gate still
approves are strict expected failures, named in docs/gate.md ("What the gate still cannot see").
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from docs_drift.kit import Library, library  # noqa: F401 (fixture)
from gate_cheats import Cheat
from gate_cheats_docs import DocsCheat
from gate_cheats_refactor import BASE as REFACTOR_BASE
from gate_cheats_refactor import NESTED, QUALITY, ShopQuality
from gate_cheats_refactor import TESTS as SHIPPING_TESTS
from gate_cheats_round7 import ROUND7
from gate_cheats_round7_kinds import DOCS7, EXPAND7, REFACTOR7, ExpandCheat, RefactorCheat
from gate_harness import Repos, assert_refused, cheat_diff, decide, marked
from gate_kinds_kit import diff_of
from support import need_binary
from test_gate_docs_adversarial import Drift, drift  # noqa: F401 (fixture)
from test_gate_round6_adversarial import _expand_decision, _shop

from agentfleet.contracts import GateDecision, Patch
from agentfleet.core.diffs import apply_to_files
from agentfleet.flow.fixers.stage import fix
from agentfleet.flow.gate.stage import verify

pytestmark = [pytest.mark.slow]

OPEN: dict[str, str] = {}
"""Cheats the gate still lets through: strict expected failures."""


@pytest.mark.parametrize("backend", [pytest.param("bwrap", marks=pytest.mark.bwrap)], indirect=True)
@pytest.mark.parametrize("cheat", marked(ROUND7, OPEN), ids=[c.id for c in ROUND7])
def test_a_seventh_round_cheat_is_refused(repos: Repos, cheat: Cheat) -> None:
    # Given a repository and the cheat's patch
    repo = repos(cheat.repo)
    # When the gate verifies it at the cheat's trust phase
    decision = decide(repo, cheat.repo, cheat_diff(repo, cheat), phase=cheat.phase, report=cheat.report)
    # Then it is refused by a check it names, or (phase 4) left to a human
    assert_refused(cheat, decision)


@pytest.mark.parametrize("cheat", marked(EXPAND7, OPEN), ids=[c.id for c in EXPAND7])  # type: ignore[arg-type]
def test_a_seventh_round_expand_tests_cheat_is_refused(tmp_path: Path, sandbox_data: Path, cheat: ExpandCheat) -> None:
    # Given the shop's new function and a cheating test-expansion patch for it, at the cheat's trust phase
    shop = _shop(tmp_path, sandbox_data, cheat.phase)
    # When the gate verifies it
    decision = _expand_decision(shop, cheat.files)
    # Then a check it names refuses it, or (phase 4) it is left to a human
    assert_refused(cheat, decision)


@pytest.mark.parametrize("cheat", marked(DOCS7, OPEN), ids=[c.id for c in DOCS7])  # type: ignore[arg-type]
def test_a_seventh_round_docs_cheat_is_refused_or_never_merged(drift: Drift, cheat: DocsCheat) -> None:  # noqa: F811
    # Given the honest docs patch bent by the cheat, at trust phase 4
    decision = drift.decide(cheat.edits(drift.after, lambda path: (drift.lib.path / path).read_text()))  # type: ignore[operator]
    # Then a check it names refused it, or (for harm only a reader can judge) it waits for a human
    assert_refused(cheat, decision)


def _refactor_decision(tmp_path: Path, sandbox_data: Path, edit: Callable[[str], str]) -> GateDecision:
    """The gate's decision, at trust phase 3, on the refactor fixer's patch for the nested ``shipping`` with
    ``edit`` applied to the refactored file."""
    need_binary("bwrap")
    fleet = ShopQuality.create(tmp_path, sandbox_data, "bwrap", REFACTOR_BASE, QUALITY, "trust.refactor = 3", "shop")
    assert fleet.scan() == []
    fleet.commit({"shop/orders.py": REFACTOR_BASE["shop/orders.py"] + NESTED, "tests/test_orders.py": SHIPPING_TESTS})
    [finding] = fleet.scan()
    job = fix(fleet.job(finding), fleet.ctx)
    assert job.patch is not None, job.no_fix
    base = (fleet.path / "shop/orders.py").read_text()
    refactored = apply_to_files(job.patch.diff, lambda _: base)["shop/orders.py"] or ""
    diff = diff_of(fleet.path, {"shop/orders.py": edit(refactored)})
    job = job.model_copy(update={"patch": Patch(base_commit=job.item.base_commit, diff=diff, author="test")})
    decision = verify(job, fleet.ctx).decision
    assert decision is not None
    return decision


@pytest.mark.bwrap
@pytest.mark.parametrize("cheat", marked(REFACTOR7, OPEN), ids=[c.id for c in REFACTOR7])  # type: ignore[arg-type]
def test_a_seventh_round_refactor_cheat_is_refused(tmp_path: Path, sandbox_data: Path, cheat: RefactorCheat) -> None:
    # Given the refactor fixer's honest patch with a side effect added to the refactored function
    decision = _refactor_decision(tmp_path, sandbox_data, cheat.edit)
    # Then a check it names refuses it
    assert_refused(cheat, decision)


@pytest.mark.bwrap
def test_the_honest_refactor_is_still_approved(tmp_path: Path, sandbox_data: Path) -> None:
    # Given the refactor fixer's own patch, at trust phase 3
    decision = _refactor_decision(tmp_path, sandbox_data, lambda text: text)
    # Then every check passed
    assert [c.name for c in decision.checks if not c.passed] == [], decision.reasons
