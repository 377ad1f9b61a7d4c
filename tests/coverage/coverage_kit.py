"""A repo, its fleet file and a context for test-expansion tests; the sample code they share."""

from __future__ import annotations

from kind_fleet import KindFleet

from agentfleet.contracts import ExpandTests

PRICING = """def total(prices: list[float], discount: float = 0.0) -> float:
    subtotal = sum(prices)
    return round(subtotal * (1 - discount), 2)
"""
SHIPPING = """

def shipping(weight: float, express: bool = False) -> float:
    if weight <= 0:
        raise ValueError("weight must be positive")
    cost = 4.5 if weight < 2 else 4.5 + (weight - 2) * 1.25
    if express:
        cost *= 2
    return round(cost, 2)
"""
TESTS = "from shop.pricing import total\n\n\ndef test_total():\n    assert total([1.0, 2.0]) == 3.0\n"
BASE = {"shop/__init__.py": "", "shop/pricing.py": PRICING, "tests/test_pricing.py": TESTS}
"""A small shop whose one function is tested; ``SHIPPING`` is the new, untested code a later commit adds."""


class CoverageFleet(KindFleet):
    """A shop repo with its ``[repos.coverage]`` section, for test-expansion tests."""

    SECTION = "coverage"
    ITEM = ExpandTests
