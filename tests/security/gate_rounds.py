"""One adversarial round's cheats and honest twins through the real gate: a round's test module subclasses
``AdversarialRound`` with its lists, and every test below runs on them (parametrised per class).

Each cheat is refused by a check it names or, at phase 4, never merged; each honest twin is still approved.
The cheats the gate still approves (``OPEN``: id → why) are strict expected failures, named in docs/gate.md
("What the gate still cannot see"). A round with honest docs twins, refactor or upgrade cheats also mixes in
``HonestDocs``, ``RefactorCheats``, ``UpgradeCheats``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar

import pytest
from gate_cheats import Cheat
from gate_cheats_docs import DocsCheat, Texts
from gate_cheats_round7_kinds import ExpandCheat, RefactorCheat
from gate_cheats_round8 import Honest
from gate_cheats_upgrade import UpgradeCheat
from gate_harness import Repos, assert_approved, assert_refused, cheat_diff, decide, marked
from test_gate_docs_adversarial import Drift
from test_gate_kinds_adversarial import Shop
from test_gate_round6_adversarial import _expand_decision, _shop
from test_gate_round7_adversarial import _refactor_decision

from agentfleet.contracts import Verdict

__all__ = ["AdversarialRound", "HonestDocs", "RefactorCheats", "UpgradeCheats"]

DocsEdit = Callable[[Texts, Callable[[str], str]], dict[str, str | None]]
_BWRAP = [pytest.param("bwrap", marks=pytest.mark.bwrap)]


class AdversarialRound:
    """The tests every round runs; a subclass names its round's lists."""

    CHEATS: ClassVar[Sequence[Cheat]] = ()
    HONEST: ClassVar[Sequence[Honest]] = ()
    EXPAND: ClassVar[Sequence[ExpandCheat]] = ()
    HONEST_EXPAND: ClassVar[dict[str, str]] = {}
    """Honest new tests shaped like the round's test-expansion cheats (approved at phase 2)."""
    DOCS: ClassVar[Sequence[DocsCheat]] = ()
    OPEN: ClassVar[dict[str, str]] = {}

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        """Parametrise each test with this round's list of its kind."""
        name = metafunc.function.__name__
        cheats: dict[str, str] = {
            "test_a_cheat_is_refused": "CHEATS",
            "test_an_expand_tests_cheat_is_refused": "EXPAND",
            "test_a_docs_cheat_is_refused_or_never_merged": "DOCS",
            "test_a_refactor_cheat_is_refused": "REFACTOR",
            "test_an_upgrade_cheat_is_refused": "UPGRADE",
        }
        if name in cheats:
            found: Sequence[Any] = getattr(self, cheats[name], ())
            metafunc.parametrize("cheat", marked(found, self.OPEN), ids=[c.id for c in found])
        elif name == "test_an_honest_patch_of_the_rounds_shapes_is_approved":
            metafunc.parametrize("honest", self.HONEST, ids=[h.id for h in self.HONEST])
        elif name == "test_honest_docs_of_the_rounds_shapes_are_still_merged":
            edits: Sequence[tuple[str, DocsEdit]] = getattr(self, "HONEST_DOCS", ())
            metafunc.parametrize("edit", [e for _, e in edits], ids=[i for i, _ in edits])

    @pytest.mark.parametrize("backend", _BWRAP, indirect=True)
    def test_a_cheat_is_refused(self, repos: Repos, cheat: Cheat) -> None:
        # Given a repository and the cheat's patch
        repo = repos(cheat.repo)
        # When the gate verifies it at the cheat's trust phase
        decision = decide(repo, cheat.repo, cheat_diff(repo, cheat), phase=cheat.phase, report=cheat.report)
        # Then it is refused by a check it names, or (phase 4) left to a human
        assert_refused(cheat, decision)

    @pytest.mark.parametrize("backend", _BWRAP, indirect=True)
    def test_an_honest_patch_of_the_rounds_shapes_is_approved(self, repos: Repos, honest: Honest) -> None:
        # Given an honest fix shaped like one of the round's cheats
        repo = repos(honest.repo)
        # When the gate verifies it
        decision = decide(repo, honest.repo, repo.diff(honest.edits), phase=honest.phase, report=honest.report)
        # Then every check passed and it gets its phase's verdict
        assert_approved(decision, honest.verdict)

    def test_an_expand_tests_cheat_is_refused(self, tmp_path: Path, sandbox_data: Path, cheat: ExpandCheat) -> None:
        # Given the shop's new function and a cheating test-expansion patch for it, at the cheat's trust phase
        decision = _expand_decision(_shop(tmp_path, sandbox_data, cheat.phase), cheat.files)
        # Then a check it names refuses it
        assert_refused(cheat, decision)

    def test_honest_new_tests_of_the_rounds_shapes_are_approved(self, tmp_path: Path, sandbox_data: Path) -> None:
        # Given honest new tests shaped like the round's cheats, at trust phase 2
        decision = _expand_decision(_shop(tmp_path, sandbox_data, 2), self.HONEST_EXPAND)
        # Then every check passed
        assert_approved(decision, Verdict.DRAFT_PR)

    def test_a_docs_cheat_is_refused_or_never_merged(self, drift: Drift, cheat: DocsCheat) -> None:
        # Given the honest docs patch bent by the cheat, at trust phase 4
        decision = drift.decide(cheat.edits(drift.after, lambda path: (drift.lib.path / path).read_text()))
        # Then a check it names refused it, or (for harm only a reader can judge) it waits for a human
        assert_refused(cheat, decision)


class HonestDocs:
    """A round's honest docs additions shaped like its docs cheats."""

    HONEST_DOCS: ClassVar[Sequence[tuple[str, DocsEdit]]] = ()
    """(id, edit): merged at phase 4."""

    def test_honest_docs_of_the_rounds_shapes_are_still_merged(self, drift: Drift, edit: DocsEdit) -> None:
        # Given the honest docs patch with an honest addition shaped like a cheat, at trust phase 4
        decision = drift.decide(edit(drift.after, lambda path: (drift.lib.path / path).read_text()))
        # Then it is merged
        assert_approved(decision, Verdict.AUTO_MERGE)


class RefactorCheats:
    """A round's refactor cheats."""

    REFACTOR: ClassVar[Sequence[RefactorCheat]] = ()

    @pytest.mark.bwrap
    def test_a_refactor_cheat_is_refused(self, tmp_path: Path, sandbox_data: Path, cheat: RefactorCheat) -> None:
        # Given the refactor fixer's honest patch, bent by the cheat
        decision = _refactor_decision(tmp_path, sandbox_data, cheat.edit)
        # Then a check it names refuses it
        assert_refused(cheat, decision)


class UpgradeCheats:
    """A round's dependency-upgrade cheats."""

    UPGRADE: ClassVar[Sequence[UpgradeCheat]] = ()

    @pytest.mark.bwrap
    @pytest.mark.redis
    def test_an_upgrade_cheat_is_refused(self, shop: Shop, cheat: UpgradeCheat) -> None:
        # Given the recipe's upgrade with something beside it or bent
        decision = shop.decide(shop.diff(cheat.edits(shop.upgrade)))
        # Then a check it names refuses it
        assert_refused(cheat, decision)
