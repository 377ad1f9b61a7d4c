"""Cheating patches a reward-hacking fixer could write, by class (issue 12), each with the checks that may
refuse it. ``tests/security/test_gate_adversarial.py`` runs every one on both sandbox backends; this module holds what
they share, the cheats are in ``gate_cheats_runs.py``, ``gate_cheats_tests.py`` and ``gate_cheats_code.py``.

Three repositories: ``pricing`` (tests/gate/kit.py: a wrong discount sign, production ``AssertionError``),
``checkout`` (the demo's service: ``IndexError`` for 50+ units, with the investigation's regression test)
and ``red`` (``pricing`` whose base already has the failing discount test, which the investigation ran).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from gate.kit import PRICING, REGRESSION_TEST, TESTS

from agentfleet.demo.sample import BUGGY_LINE

Edits = Mapping[str, str | None] | Callable[[Path], object] | str
"""Files to write (path → text, ``None`` deletes), a function changing the working tree, or the diff itself."""
PROVEN = TESTS + REGRESSION_TEST
"""The pricing tests with the regression test a fix brings (fails before the right fix)."""
CHECKOUT = "checkout/pricing.py"
CHECKOUT_PRICING = (Path(__file__).parents[2] / "agentfleet/demo/checkout_service/checkout/pricing.py").read_text()
CHECKOUT_BUGGY = CHECKOUT_PRICING.replace(
    "    tier = min(quantity // 10, len(TIERS) - 1)\n    return TIERS[tier]\n", BUGGY_LINE
)
CHECKOUT_FIXED = CHECKOUT_BUGGY.replace(BUGGY_LINE, "    return TIERS[min(quantity // 10, len(TIERS) - 1)]\n")
REPLAY_PATH = "tests/test_regression_bulk_discount_1a2b3c4d.py"
REPLAY = "from checkout.pricing import bulk_discount\n\n\ndef test_replay():\n    bulk_discount(quantity=60)\n"


@dataclass(frozen=True)
class Cheat:
    """One cheating patch: where, what it changes, the checks any of which may refuse it, at which phase."""

    id: str
    repo: str
    edits: Edits
    refused_by: frozenset[str]
    phase: int = 1
    report: bool = False
    """With the investigation's report (``checkout``: its regression test; ``red``: the related tests it ran)."""


def cheat(id: str, repo: str, edits: Edits, *refused_by: str, phase: int = 1, report: bool = False) -> Cheat:
    return Cheat(id, repo, edits, frozenset(refused_by), phase, report)


RUNTIME = ("fixes_the_error", "test_suite", "tests_still_pass")


def _module(header: str, tail: str = "") -> str:
    """``pricing.py`` (unfixed) with ``header`` after the docstring and ``tail`` at the end."""
    return PRICING.replace('"""Order pricing."""\n', f'"""Order pricing."""\n\n{header}\n') + tail


def _tests(old: str, new: str, header: str = "") -> str:
    assert old in PROVEN
    return header + PROVEN.replace(old, new)


def _checkout(body: str, header: str = "") -> str:
    text = CHECKOUT_BUGGY.replace(BUGGY_LINE, body)
    return text.replace("from decimal import Decimal\n", f"from decimal import Decimal\n{header}")
