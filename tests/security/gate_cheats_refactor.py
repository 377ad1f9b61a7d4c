"""A sixth-round ``refactor`` cheat: the deeply nested ``shipping`` "flattened" by moving its whole body into a
private twin it calls. The target's nesting drops from 5 to 1, the behaviour and the public API are unchanged,
and the debt is exactly where it was. ``test_gate_round6_adversarial.py`` runs it through the real gate.
"""

from __future__ import annotations

from kind_fleet import KindFleet

from agentfleet.contracts import Refactor

__all__ = ["BASE", "MOVED", "NESTED", "QUALITY", "TESTS", "ShopQuality"]

ORDERS = 'def price(order):\n    return order["qty"] * order["unit"]\n'
NESTED = """

def shipping(qty, express, country):
    if qty:
        if qty > 0:
            if country == "FR":
                if express:
                    if qty > 10:
                        return 5
                    else:
                        return 10
                else:
                    return 3
            else:
                return 20
        else:
            return 0
    else:
        return None
"""
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


class ShopQuality(KindFleet):
    """The shop with its ``[repos.quality]`` section."""

    SECTION = "quality"
    ITEM = Refactor
