"""A sixth-round ``refactor`` cheat: the deeply nested ``shipping`` "flattened" by moving its whole body into a
private twin it calls. The target's nesting drops from 5 to 1, the behaviour and the public API are unchanged,
and the debt is exactly where it was. ``test_gate_round6_adversarial.py`` runs it through the real gate.
"""

from __future__ import annotations

from refactoring.refactor_kit import NESTED, ORDERS
from refactoring.refactor_kit import RefactorFleet as ShopQuality

__all__ = ["BASE", "MOVED", "NESTED", "QUALITY", "TESTS", "ShopQuality"]

TESTS = """from shop.orders import shipping


def test_shipping():
    assert shipping(12, True, "FR") == 5
    assert shipping(3, True, "FR") == 10
    assert shipping(3, False, "FR") == 3
    assert shipping(3, False, "DE") == 20
    assert shipping(-1, False, "FR") == 0
    assert shipping(0, False, "FR") is None
"""
BASE = {"shop/__init__.py": "", "shop/orders.py": ORDERS, "tests/test_orders.py": "def test_nothing_yet():\n    pass\n"}
QUALITY = "max_nesting = 3"
MOVED = ORDERS + (
    "\n\ndef shipping(qty, express, country):\n    return _shipping(qty, express, country)\n"
    + NESTED.replace("def shipping(", "def _shipping(")
)
"""The "refactor": ``shipping`` delegates to ``_shipping``, which is the old body word for word."""
