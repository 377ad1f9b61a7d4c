"""The fourteenth round's cheats (``gate_cheats_round14.py``, ``gate_cheats_round14_kinds.py``) through the real gate
on bubblewrap (``gate_rounds.AdversarialRound``): each is refused by a check it names or, at phase 4, never merged;
each family's honest twin is still approved.
"""

from __future__ import annotations

import pytest
from docs_drift.kit import Library, library  # noqa: F401 (fixture)
from gate_cheats_round14 import HONEST14, ROUND14
from gate_cheats_round14_kinds import DOCS14, EXPAND14, HONEST_DOCS14, HONEST_EXPAND14, REFACTOR14, UPGRADE14
from gate_rounds import AdversarialRound, HonestDocs, RefactorCheats, UpgradeCheats
from test_gate_docs_adversarial import Drift, drift  # noqa: F401 (fixture)
from test_gate_kinds_adversarial import Shop, shop  # noqa: F401 (fixture)

pytestmark = [pytest.mark.slow]


class TestFourteenthRound(AdversarialRound, HonestDocs, RefactorCheats, UpgradeCheats):
    CHEATS = ROUND14
    HONEST = HONEST14
    EXPAND = EXPAND14
    HONEST_EXPAND = HONEST_EXPAND14
    DOCS = DOCS14
    HONEST_DOCS = list(zip(["advice-to-users", "how-the-project-works"], HONEST_DOCS14, strict=True))
    REFACTOR = REFACTOR14
    UPGRADE = UPGRADE14
    OPEN: dict[str, str] = {}
