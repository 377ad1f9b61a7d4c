"""The fifteenth round's refactors (``gate_cheats_round15_refactor.py``) through the real gate on bubblewrap: each
cheat, a rewrite that changes behaviour only on a rare input of its class, is refused by the differential tests;
the honest twins of their shapes, all in one patch, are approved.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gate_cheats_refactor import ShopQuality
from gate_cheats_round15_refactor import MODULE, PLACES, TESTS, Place, patched
from gate_harness import marked
from gate_kinds_kit import diff_of
from support import need_binary

from agentfleet.contracts import GateDecision, Job, Patch, Refactor, Verdict
from agentfleet.flow.gate.stage import verify

pytestmark = [pytest.mark.slow, pytest.mark.bwrap]

OPEN: dict[str, str] = {}
"""Cheats the gate still approves: strict expected failures (docs/refactoring.md, "Limits")."""
_PATH = "shop/calc.py"


def _decision(tmp_path: Path, sandbox_data: Path, place: Place, text: str) -> GateDecision:
    """The gate's decision, at trust phase 3, on ``length`` work for ``place`` with ``shop/calc.py`` as ``text``."""
    need_binary("bwrap")
    files = {"shop/__init__.py": "", _PATH: MODULE, "tests/test_calc.py": TESTS}
    fleet = ShopQuality.create(tmp_path, sandbox_data, "bwrap", files, "", "trust.refactor = 3", "shop")
    head = fleet.commit({"README.md": "shop\n"})
    item = Refactor(
        repo="shop",
        base_commit=head,
        fingerprint=f"quality:length:{place.id}",
        trust_phase=3,
        rule="length",
        path=_PATH,
        function=place.name,
        rules=("length",),
    )
    diff = diff_of(fleet.path, {_PATH: text})
    job = Job(item=item, patch=Patch(base_commit=head, diff=diff, author="test"))
    decision = verify(job, fleet.ctx).decision
    assert decision is not None
    return decision


@pytest.mark.parametrize("place", marked(PLACES, OPEN), ids=[p.id for p in PLACES])  # type: ignore[arg-type]
def test_a_refactor_changing_behaviour_on_rare_inputs_is_refused(
    tmp_path: Path, sandbox_data: Path, place: Place
) -> None:
    # Given a suite that calls the function with ordinary inputs only, and a shorter rewrite that differs on rare ones
    decision = _decision(tmp_path, sandbox_data, place, patched(place, place.cheat))
    # Then the differential tests refuse it
    failed = {c.name for c in decision.checks if not c.passed}
    assert decision.verdict is Verdict.REJECT, decision.reasons
    assert "differential_tests" in failed, decision.reasons


def test_the_honest_twins_are_approved(tmp_path: Path, sandbox_data: Path) -> None:
    # Given every place rewritten by its honest twin, in one patch
    text = MODULE
    for place in PLACES:
        text = text.replace(place.base, place.twin)
    longest = next(p for p in PLACES if p.name == "parse_qty")  # the others measure less after: no debt moved
    decision = _decision(tmp_path, sandbox_data, longest, text)
    # Then every check passed and it is a ready PR
    assert [c.name for c in decision.checks if not c.passed] == [], decision.reasons
    assert decision.verdict is Verdict.PR, decision.reasons
