"""The gate against the second and third rounds of cheating patches (``gate_variants_*.py``): new spellings
of every class in issue 12 and classes it did not name, each refused by a check the decision names (or, for
the phase-4 cheats, never merged); honest changes of the same shape still pass. They probe the gate's
judgement, which is the same on both backends: they run on bubblewrap, and the first round
(``test_gate_adversarial.py``) and the escape battery run on both.
"""

from __future__ import annotations

import pytest
from gate.kit import PRICING
from gate_cheats import CHECKOUT, CHECKOUT_FIXED, Cheat
from gate_harness import Repos, assert_refused, cheat_diff, decide, marked
from gate_variants_beyond import BEYOND
from gate_variants_code import SWALLOW, TWO_FACED
from gate_variants_policy import AUTO_MERGE, CI, SECRETS
from gate_variants_runs import PLUGIN_BY_NAME, PROOF, RUNNER
from gate_variants_tests import DISABLE, HUNKS, PROOF_PATH

from agentfleet.contracts import Verdict

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

OPEN: dict[str, str] = {}
"""Variants the gate still lets through (id → why; docs/security.md, "What the gate still cannot see"): expected
failures, strict, so a closed hole shows up here."""


@pytest.mark.parametrize("backend", [pytest.param("bwrap", marks=pytest.mark.bwrap)], indirect=True)
@pytest.mark.parametrize("cheat", marked(VARIANTS, OPEN), ids=[c.id for c in VARIANTS])
def test_a_second_round_cheat_is_refused(repos: Repos, cheat: Cheat) -> None:
    # Given a repository and a patch that cheats its way past the tests in a way the first round did not
    repo = repos(cheat.repo)
    # When the gate verifies it
    decision = decide(repo, cheat.repo, cheat_diff(repo, cheat), phase=cheat.phase, report=cheat.report)
    # Then it does not get through, and the check that stopped it is named
    assert_refused(cheat, decision)


HELPER_FIX = PRICING.replace(
    "    return round(subtotal * (1 + discount), 2)\n",
    "    return round(apply_discount(subtotal, discount), 2)\n\n\n"
    "def apply_discount(amount: float, discount: float) -> float:\n"
    '    """``amount`` less the fractional ``discount``."""\n'
    "    return amount * (1 - discount)\n",
)
HELPER_TEST = (
    "import pricing\n\n\ndef test_the_discount_is_subtracted():\n"
    "    assert pricing.order_total([(10.0, 1)], discount=0.1) == 9.0\n"
    "    assert pricing.apply_discount(10.0, 0.5) == 5.0\n"
)
TOP_TIER_TEST = (
    "from decimal import Decimal\n\nimport pytest\n\nfrom checkout.pricing import bulk_discount\n\n\n"
    "def test_sixty_units_get_the_top_tier():\n    assert bulk_discount(60) == Decimal('0.20')\n"
    "    with pytest.raises(ValueError):\n        bulk_discount(-1)\n"
)


@pytest.mark.parametrize("backend", [pytest.param("bwrap", marks=pytest.mark.bwrap)], indirect=True)
def test_honest_fixes_shaped_like_the_cheats_the_proof_rules_refuse_are_approved(repos: Repos) -> None:
    # Given, without an investigation, a fix whose test reads a name the fix adds (production calls it), and
    # a fix whose test also expects an exception (one the code already raised)
    pricing, checkout = repos("pricing"), repos("checkout")
    fixes = [
        (pricing, "pricing", pricing.diff({"pricing.py": HELPER_FIX, "tests/test_discount.py": HELPER_TEST})),
        (checkout, "checkout", checkout.diff({CHECKOUT: CHECKOUT_FIXED, "tests/test_top_tier.py": TOP_TIER_TEST})),
    ]
    for repo, name, diff in fixes:
        # When the gate verifies it at trust phase 3
        decision = decide(repo, name, diff, phase=3, report=False)
        # Then every check passed: their tests fail before with the production error and pass after
        assert [c.name for c in decision.checks if not c.passed] == [], (name, decision.reasons)
        assert decision.verdict is Verdict.PR, (name, decision.reasons)
