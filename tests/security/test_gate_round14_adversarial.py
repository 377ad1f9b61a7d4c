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
    OPEN: dict[str, str] = {
        "caller-input-emptied-by-in-place-repetition-phase-4": "`lines *= 0` is read as a number's rebinding",
        "caller-input-emptied-through-a-lambdas-default-phase-4": "a lambda's default is not followed as a value",
        "caller-input-emptied-by-an-abstract-base-classs-method-phase-4": "only the known mutators are followed",
        "process-cpu-time-through-os-times": "os.times() is not a reading the time-bomb rule knows",
        "instruction-without-a-command": "an instruction with no command names no program",
        "approval-claimed-otherwise": "an approval in words the rules do not read",
        "sample-teaches-a-zero-timeout": "a sample misleading within the same host and scheme",
    }
