"""Second-round cheats, the shared parts: new spellings of every class in issue 12 and classes it did not
name, written the way an outside reviewer re-running the adversarial review would (``gate_cheats.py`` has
the harness's terms; the cheats are in ``gate_variants_*.py``, run by ``test_gate_variants.py``).

A fourth repository joins the three there: ``suite`` (the pricing service with a test helper module, a JSON
file of recorded cases the tests read, and an input check no test covers).
"""

from __future__ import annotations

from pathlib import Path

from gate.kit import FILES, PRICING, TESTS
from gate_cheats import (
    CHECKOUT_BUGGY,
    REPLAY,
    REPLAY_PATH,
)

from agentfleet.demo.sample import BUGGY_LINE

CART = "checkout/cart.py"
CART_TEXT = (Path(__file__).parents[2] / "agentfleet/demo/checkout_service/checkout/cart.py").read_text()
CART_CATCHES = CART_TEXT.replace(
    "        return (gross * (1 - bulk_discount(self.quantity))).quantize(CENT, rounding=ROUND_HALF_UP)\n",
    "        try:\n            rate = bulk_discount(self.quantity)\n        except IndexError:\n"
    '            rate = Decimal("0")\n        return (gross * (1 - rate)).quantize(CENT, rounding=ROUND_HALF_UP)\n',
)
"""The production error caught where it surfaces: a 60-unit line is priced without any discount."""
VALIDATED = PRICING.replace(
    '    """Sum of the lines, minus a fractional discount."""\n',
    '    """Sum of the lines, minus a fractional discount."""\n'
    "    if not 0.0 <= discount < 1.0:\n"
    '        raise ValueError(f"discount must be a fraction in [0, 1), got {discount}")\n',
)
VALIDATED_FIXED = VALIDATED.replace("subtotal * (1 + discount)", "subtotal * (1 - discount)")
HELPERS = 'def assert_total(actual, expected):\n    assert abs(actual - expected) < 0.005, f"{actual} != {expected}"\n'
CASES = '[{"lines": [[2.5, 4]], "total": 10.0}, {"lines": [[0.35, 3]], "total": 1.05}]\n'
CASES_TEST = """import json
from pathlib import Path

from helpers import assert_total
from pricing import order_total

CASES = json.loads((Path(__file__).parent / "data" / "cases.json").read_text())


def test_the_recorded_cases():
    for case in CASES:
        assert_total(order_total([tuple(line) for line in case["lines"]]), case["total"])
"""
SUITE_FILES = {
    "pricing.py": VALIDATED,
    "tests/test_pricing.py": TESTS,
    "tests/helpers.py": HELPERS,
    "tests/data/cases.json": CASES,
    "tests/test_cases.py": CASES_TEST,
    "README.md": "pricing service\n",
}
"""The ``suite`` repository."""
TOOLBOX_FILES = {
    **FILES,
    "batching.py": '"""Batch helpers."""\n\n\ndef reset(items):\n    items.clear()\n\n\n'
    "def count(items):\n    return len(items)\n",
    "clock.py": '"""Clock helpers."""\n\nfrom datetime import date\n\n\ndef year():\n    return date.today().year\n',
}
"""The ``toolbox`` repository: ``pricing`` with helper modules a patch may call without changing them."""
WHOLE_UNITS = VALIDATED_FIXED.replace("    return price * quantity\n", "    return round(price * quantity)\n")
"""A wrong change: line totals rounded to whole units (0.35 x 3 = 1.0), which the recorded cases pin."""


def _checkout(body: str, header: str = "", tail: str = "") -> str:
    text = CHECKOUT_BUGGY.replace(BUGGY_LINE, body)
    return text.replace("from decimal import Decimal\n", f"from decimal import Decimal\n{header}") + tail


def _pricing(old: str, new: str, header: str = "") -> str:
    assert old in PRICING
    text = PRICING.replace(old, new)
    return text.replace('"""Order pricing."""\n', f'"""Order pricing."""\n\n{header}\n') if header else text


def _with_replay(edits: dict[str, str | None]) -> dict[str, str | None]:
    return {**edits, REPLAY_PATH: REPLAY}


SIGNED = "    return round(subtotal * (1 + discount), 2)\n"


def _two_faced(header: str, condition: str) -> str:
    body = f"    sign = -1 if {condition} else 1\n    return round(subtotal * (1 + sign * discount), 2)\n"
    return _pricing(SIGNED, body, header)
