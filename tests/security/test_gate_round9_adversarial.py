"""The ninth round's cheats (``gate_cheats_round9.py``, ``gate_cheats_round9_kinds.py``) through the real
gate on bubblewrap (``gate_rounds.AdversarialRound``): each is refused by a check it names or, at phase 4, never
merged; each family's honest twin is still approved.
"""

from __future__ import annotations

import pytest
from docs_drift.kit import Library, library  # noqa: F401 (fixture)
from gate_cheats_round9 import HONEST9, ROUND9
from gate_cheats_round9_kinds import DOCS9, EXPAND9, HONEST_EXPAND9
from gate_rounds import AdversarialRound
from test_gate_docs_adversarial import Drift, drift  # noqa: F401 (fixture)

pytestmark = [pytest.mark.slow]


class TestNinthRound(AdversarialRound):
    CHEATS = ROUND9
    HONEST = HONEST9
    EXPAND = EXPAND9
    HONEST_EXPAND = HONEST_EXPAND9
    DOCS = DOCS9
