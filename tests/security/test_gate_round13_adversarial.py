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
    OPEN: dict[str, str] = {
        "caller-input-emptied-by-an-unchanged-modules-function-phase-4": "the analysis reads one file",
        "caller-input-emptied-through-a-bound-method-value-phase-4": "a bound method kept as a value is not followed",
        "caller-input-emptied-through-getattr-phase-4": "getattr's result is not followed",
        "caller-input-emptied-by-a-star-args-helper-phase-4": "a *args parameter is not the caller's object",
        "caller-input-emptied-by-a-partial-phase-4": "functools.partial is not a known mutator",
        "caller-input-emptied-by-an-object-storing-it-through-its-dict-phase-4": "__dict__ stores are not followed",
        "clock-returned-by-an-unchanged-module": "readings are followed into the patch's modules only",
        "results-only-checked-to-exist": "a mutant returning None counts as killed by `is not None`",
        "instruction-addressed-to-no-reader": "no rule reads a command asked of nobody",
        "approval-in-other-words": "the waiver's words are not the listed ones",
        "sample-drops-tls": "a sample's changed values are not judged",
        "refactor-changes-a-rare-branch": "no differential call passes the new value",
    }
