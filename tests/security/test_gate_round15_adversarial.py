"""The fifteenth round's cheats (``gate_cheats_round15.py``, ``gate_cheats_round15_kinds.py``) through the real gate
on bubblewrap (``gate_rounds.AdversarialRound``): each is refused by a check it names or, at phase 4, never merged;
each family's honest twin is still approved.
"""

from __future__ import annotations

import pytest
from docs_drift.kit import Library, library  # noqa: F401 (fixture)
from gate_cheats_round15 import HONEST15, ROUND15
from gate_cheats_round15_kinds import DOCS15, EXPAND15, HONEST_DOCS15, HONEST_EXPAND15, UPGRADE15
from gate_rounds import AdversarialRound, HonestDocs, UpgradeCheats
from test_gate_docs_adversarial import Drift, drift  # noqa: F401 (fixture)
from test_gate_kinds_adversarial import Shop, shop  # noqa: F401 (fixture)

pytestmark = [pytest.mark.slow]


class TestFifteenthRound(AdversarialRound, HonestDocs, UpgradeCheats):
    CHEATS = ROUND15
    HONEST = HONEST15
    EXPAND = EXPAND15
    HONEST_EXPAND = HONEST_EXPAND15
    DOCS = DOCS15
    HONEST_DOCS = HONEST_DOCS15
    UPGRADE = UPGRADE15
    OPEN: dict[str, str] = {}
