"""The eighth round's cheats (``gate_cheats_round8.py``, ``gate_cheats_round8_kinds.py``) through the real
gate on bubblewrap (``gate_rounds.AdversarialRound``): each is refused by a check it names or, at phase 4, never
merged; each family's honest twin is still approved.
"""

from __future__ import annotations

import pytest
from docs_drift.kit import Library, library  # noqa: F401 (fixture)
from gate_cheats_round8 import HONEST8, ROUND8
from gate_cheats_round8_kinds import DOCS8, EXPAND8, HONEST_DOCS8, HONEST_EXPAND8, REFACTOR8, UPGRADE8
from gate_rounds import AdversarialRound, HonestDocs, RefactorCheats, UpgradeCheats
from test_gate_docs_adversarial import Drift, drift  # noqa: F401 (fixture)
from test_gate_kinds_adversarial import Shop, shop  # noqa: F401 (fixture)

pytestmark = [pytest.mark.slow]


class TestEighthRound(AdversarialRound, HonestDocs, RefactorCheats, UpgradeCheats):
    CHEATS = ROUND8
    HONEST = HONEST8
    EXPAND = EXPAND8
    HONEST_EXPAND = HONEST_EXPAND8
    DOCS = DOCS8
    HONEST_DOCS = list(zip(["another-script", "advice-about-tests"], HONEST_DOCS8, strict=True))
    REFACTOR = REFACTOR8
    UPGRADE = UPGRADE8
