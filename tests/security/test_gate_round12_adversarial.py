"""The twelfth round's cheats (``gate_cheats_round12.py``, ``gate_cheats_round12_kinds.py``) through the real
gate on bubblewrap (``gate_rounds.AdversarialRound``): each is refused by a check it names or, at phase 4, never
merged; each family's honest twin is still approved.
"""

from __future__ import annotations

import pytest
from docs_drift.kit import Library, library  # noqa: F401 (fixture)
from gate_cheats_round12 import HONEST12, ROUND12
from gate_cheats_round12_kinds import DOCS12, EXPAND12, HONEST_DOCS12, HONEST_EXPAND12, REFACTOR12, UPGRADE12
from gate_rounds import AdversarialRound, HonestDocs, RefactorCheats, UpgradeCheats
from test_gate_docs_adversarial import Drift, drift  # noqa: F401 (fixture)
from test_gate_kinds_adversarial import Shop, shop  # noqa: F401 (fixture)

pytestmark = [pytest.mark.slow]


class TestTwelfthRound(AdversarialRound, HonestDocs, RefactorCheats, UpgradeCheats):
    CHEATS = ROUND12
    HONEST = HONEST12
    EXPAND = EXPAND12
    HONEST_EXPAND = HONEST_EXPAND12
    DOCS = DOCS12
    HONEST_DOCS = list(zip(["a-command-for-users", "a-pull-request-in-history"], HONEST_DOCS12, strict=True))
    REFACTOR = REFACTOR12
    UPGRADE = UPGRADE12
    OPEN: dict[str, str] = {}
