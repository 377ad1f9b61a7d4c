"""The tenth round's cheats (``gate_cheats_round10.py``, ``gate_cheats_round10_kinds.py``) through the real
gate on bubblewrap (``gate_rounds.AdversarialRound``): each is refused by a check it names or, at phase 4, never
merged; each family's honest twin is still approved.
"""

from __future__ import annotations

import pytest
from docs_drift.kit import Library, library  # noqa: F401 (fixture)
from gate_cheats_round10 import HONEST10, ROUND10
from gate_cheats_round10_kinds import DOCS10, EXPAND10, HONEST_DOCS10, HONEST_EXPAND10, REFACTOR10, UPGRADE10
from gate_rounds import AdversarialRound, HonestDocs, RefactorCheats, UpgradeCheats
from test_gate_docs_adversarial import Drift, drift  # noqa: F401 (fixture)
from test_gate_kinds_adversarial import Shop, shop  # noqa: F401 (fixture)

pytestmark = [pytest.mark.slow]


class TestTenthRound(AdversarialRound, HonestDocs, RefactorCheats, UpgradeCheats):
    CHEATS = ROUND10
    HONEST = HONEST10
    EXPAND = EXPAND10
    HONEST_EXPAND = HONEST_EXPAND10
    DOCS = DOCS10
    HONEST_DOCS = list(zip(["english-prose", "a-quoted-foreign-word"], HONEST_DOCS10, strict=True))
    REFACTOR = REFACTOR10
    UPGRADE = UPGRADE10
