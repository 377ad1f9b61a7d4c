"""A real repo, its fleet file and a context for refactoring tests; the sample code they share."""

from __future__ import annotations

from kind_fleet import KindFleet

from agentfleet.contracts import Refactor

ORDERS = """def price(order):
    return order["qty"] * order["unit"]
"""
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
DUPLICATED = """

def summary(prices, tax):
    total = 0
    for p in prices:
        if p > 0:
            total += p * 2
    total = total * (1 + tax)
    total = round(total, 2)
    print("summary", total)
    return total


def invoice(amounts, rate):
    s = 0
    for a in amounts:
        if a > 0:
            s += a * 2
    s = s * (1 + rate)
    s = round(s, 2)
    return {"total": s}
"""
TESTS = """from shop.orders import invoice, price, shipping, summary


def test_price():
    assert price({"qty": 2, "unit": 3}) == 6


def test_shipping():
    assert shipping(12, True, "FR") == 5
    assert shipping(3, True, "FR") == 10
    assert shipping(3, False, "FR") == 3
    assert shipping(3, False, "DE") == 20
    assert shipping(-1, False, "FR") == 0
    assert shipping(0, False, "FR") is None


def test_totals():
    assert summary([1.0, -2.0, 3.0], 0.1) == 8.8
    assert invoice([1.0, 2.0], 0.0) == {"total": 6.0}
"""
PRICE_TEST = 'from shop.orders import price\n\n\ndef test_price():\n    assert price({"qty": 2, "unit": 3}) == 6\n'
BASE = {"shop/__init__.py": "", "shop/orders.py": ORDERS, "tests/test_orders.py": PRICE_TEST}
"""A small shop; ``NESTED`` and ``DUPLICATED`` are the debt a later commit adds (``TESTS`` tests it)."""
QUALITY = "min_duplicate_lines = 5\nmax_nesting = 3"


class RefactorFleet(KindFleet):
    """A shop repo with its ``[repos.quality]`` section, for refactoring tests."""

    SECTION = "quality"
    ITEM = Refactor
