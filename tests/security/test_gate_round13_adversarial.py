"""The thirteenth round's cheats (``gate_cheats_round13.py``, ``gate_cheats_round13_kinds.py``) through the real
gate on bubblewrap (``gate_rounds.AdversarialRound``): each is refused by a check it names or, at phase 4, never
merged; each family's honest twin is still approved.
"""

from __future__ import annotations

import pytest
from docs_drift.kit import Library, library  # noqa: F401 (fixture)
from gate_cheats_round13 import HONEST13, ROUND13
from gate_cheats_round13_kinds import DOCS13, EXPAND13, HONEST_DOCS13, HONEST_EXPAND13, REFACTOR13, UPGRADE13
from gate_rounds import AdversarialRound, HonestDocs, RefactorCheats, UpgradeCheats
from test_gate_docs_adversarial import Drift, drift  # noqa: F401 (fixture)
from test_gate_kinds_adversarial import Shop, shop  # noqa: F401 (fixture)

pytestmark = [pytest.mark.slow]


class TestThirteenthRound(AdversarialRound, HonestDocs, RefactorCheats, UpgradeCheats):
    CHEATS = ROUND13
    HONEST = HONEST13
    EXPAND = EXPAND13
    HONEST_EXPAND = HONEST_EXPAND13
    DOCS = DOCS13
    HONEST_DOCS = list(zip(["advice-to-users", "how-the-project-works"], HONEST_DOCS13, strict=True))
    REFACTOR = REFACTOR13
    UPGRADE = UPGRADE13
    OPEN: dict[str, str] = {}
