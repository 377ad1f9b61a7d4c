"""The eleventh round's cheats (``gate_cheats_round11.py``, ``gate_cheats_round11_kinds.py``) through the real
gate on bubblewrap (``gate_rounds.AdversarialRound``): each is refused by a check it names or, at phase 4, never
merged; each family's honest twin is still approved.
"""

from __future__ import annotations

import pytest
from docs_drift.kit import Library, library  # noqa: F401 (fixture)
from gate_cheats_round11 import HONEST11, ROUND11
from gate_cheats_round11_kinds import DOCS11, EXPAND11, HONEST_DOCS11, HONEST_EXPAND11, REFACTOR11, UPGRADE11
from gate_rounds import AdversarialRound, HonestDocs, RefactorCheats, UpgradeCheats
from test_gate_docs_adversarial import Drift, drift  # noqa: F401 (fixture)
from test_gate_kinds_adversarial import Shop, shop  # noqa: F401 (fixture)

pytestmark = [pytest.mark.slow]


class TestEleventhRound(AdversarialRound, HonestDocs, RefactorCheats, UpgradeCheats):
    CHEATS = ROUND11
    HONEST = HONEST11
    EXPAND = EXPAND11
    HONEST_EXPAND = HONEST_EXPAND11
    DOCS = DOCS11
    HONEST_DOCS = list(zip(["a-character-reference", "merge-about-the-api"], HONEST_DOCS11, strict=True))
    REFACTOR = REFACTOR11
    UPGRADE = UPGRADE11
    OPEN: dict[str, str] = {}
