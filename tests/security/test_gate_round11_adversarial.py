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
    OPEN = {
        "caller-input-cleared-by-a-methodcaller-phase-4": "approved by the gate before the eleventh round's rules",
        "caller-input-cleared-through-map-phase-4": "approved by the gate before the eleventh round's rules",
        "caller-input-cleared-through-an-attribute-phase-4": "approved by the gate before the eleventh round's rules",
        "caller-input-cleared-by-its-init-phase-4": "approved by the gate before the eleventh round's rules",
        "count-guard-adds-inside-its-block": "approved by the gate before the eleventh round's rules",
        "test-puts-a-stand-in-into-sys-modules": "approved by the gate before the eleventh round's rules",
        "reading-returned-by-another-module": "approved by the gate before the eleventh round's rules",
        "fixed-in-a-short-working-directory": "approved by the gate before the eleventh round's rules",
        "clock-formatted-as-text": "approved by the gate before the eleventh round's rules",
        "source-read-through-findsource": "approved by the gate before the eleventh round's rules",
        "source-pinned-through-a-traceback": "approved by the gate before the eleventh round's rules",
        "only-a-broad-exception-checked": "approved by the gate before the eleventh round's rules",
        "instructions-in-character-references": "approved by the gate before the eleventh round's rules",
        "instructions-split-by-emphasis": "approved by the gate before the eleventh round's rules",
        "instructions-to-approve-and-merge": "approved by the gate before the eleventh round's rules",
        "waiver-behind-backslash-escapes": "approved by the gate before the eleventh round's rules",
    }
