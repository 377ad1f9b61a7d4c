"""The gate against the second and third rounds of cheating patches (``gate_variants_*.py``): new spellings
of every class in issue 12 and classes it did not name, each refused by a check the decision names (or, for
the phase-4 cheats, never merged); honest changes of the same shape still pass. They probe the gate's
judgement, which is the same on both backends: they run on bubblewrap, and the first round
(``test_gate_adversarial.py``) and the escape battery run on both.
"""

from __future__ import annotations

import pytest
from gate_cheats import Cheat
from gate_harness import Repos, assert_refused, cheat_diff, decide
from gate_variants_beyond import BEYOND
from gate_variants_code import SWALLOW, TWO_FACED
from gate_variants_policy import AUTO_MERGE, CI, SECRETS
from gate_variants_runs import PLUGIN_BY_NAME, PROOF, RUNNER
from gate_variants_tests import DISABLE, HUNKS, PROOF_PATH

pytestmark = [pytest.mark.slow]

VARIANTS = [
    *PLUGIN_BY_NAME,
    *RUNNER,
    *PROOF,
    *DISABLE,
    *HUNKS,
    *SWALLOW,
    *TWO_FACED,
    *SECRETS,
    *CI,
    *AUTO_MERGE,
    *PROOF_PATH,
    *BEYOND,
]

OPEN = frozenset(
    {
        "proof-reads-a-flag-the-patch-sets",
        "error-converted-and-expected",
    }
)
"""Variants the gate still lets through (docs/security.md, "What the gate still cannot see"): expected
failures, strict, so a closed hole shows up here."""


def _marked(cheat: Cheat) -> object:
    if cheat.id not in OPEN:
        return cheat
    return pytest.param(cheat, marks=pytest.mark.xfail(strict=True, reason="open: the gate lets it through"))


@pytest.mark.parametrize("backend", [pytest.param("bwrap", marks=pytest.mark.bwrap)], indirect=True)
@pytest.mark.parametrize("cheat", [_marked(c) for c in VARIANTS], ids=[c.id for c in VARIANTS])
def test_a_second_round_cheat_is_refused(repos: Repos, cheat: Cheat) -> None:
    # Given a repository and a patch that cheats its way past the tests in a way the first round did not
    repo = repos(cheat.repo)
    # When the gate verifies it
    decision = decide(repo, cheat.repo, cheat_diff(repo, cheat), phase=cheat.phase, report=cheat.report)
    # Then it does not get through, and the check that stopped it is named
    assert_refused(cheat, decision)
