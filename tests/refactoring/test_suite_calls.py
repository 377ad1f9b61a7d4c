"""``suite_calls`` in a real bwrap sandbox: the calls the repository's own tests make to a function, recorded as
plain data only (no repository ``__repr__`` runs), and replayed first by the characterisation writer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from refactor_kit import BASE, NESTED, ORDERS, RefactorFleet

from agentfleet.flow.fixers.tests.calls import plan_calls
from agentfleet.flow.fixers.tests.characterise import Target, characterise
from agentfleet.flow.fixers.tests.suite_calls import suite_calls
from agentfleet.sandboxes.factory import open_sandbox

pytestmark = [pytest.mark.bwrap, pytest.mark.slow]

SCALE = """

class Scale:
    def __init__(self, unit):
        self.unit = unit

    def weigh(self, qty, extra=0):
        return qty * self.unit + extra
"""
TESTS = """from shop.orders import Scale, shipping


class Loud:
    def __repr__(self):
        open("repr-ran.marker", "w").close()
        return "1"

    def __gt__(self, other):
        return True

    def __bool__(self):
        return True


def test_shipping():
    assert shipping(12, True, "FR") == 5
    assert shipping(12, True, "FR") == 5
    assert shipping(3, False, [("FR", b"x"), {"k": None}]) == 20
    assert shipping(Loud(), False, "DE") == 20


def test_scale():
    assert Scale(2).weigh(3) == 6
    assert Scale(2).weigh(3, 1) == 7
"""


def test_the_suites_calls_are_recorded_as_plain_data_and_replayed_first(
    fleet_of: Callable[..., RefactorFleet],
) -> None:
    # Given a suite that calls a function with literals, with nested containers and with an object whose repr
    # has a side effect, and a method on an instance
    fleet = fleet_of(BASE)
    source = ORDERS + NESTED + SCALE
    commit = fleet.commit({"shop/orders.py": source, "tests/test_orders.py": TESTS})
    targets = [Target("shop/orders.py", "shipping"), Target("shop/orders.py", "Scale.weigh")]
    # When the suite runs under the recorder at that commit
    with open_sandbox(fleet.ctx, fleet.repo, commit) as box:
        found = suite_calls(box, targets, dict.fromkeys(targets, source), ["-q", "tests"], timeout=120)
        marker = box.run(["test", "-e", "repr-ran.marker"], timeout=30)
    # Then each distinct call is recorded once, plain data as its repr, anything else as None (its repr never ran)
    assert found[targets[0]] == [
        ("12", "True", "'FR'"),
        ("3", "False", "[('FR', b'x'), {'k': None}]"),
        (None, "False", "'DE'"),
    ]
    assert marker.exit_code != 0
    # And a method's calls without its instance, each positional parameter (a default as it was)
    assert found[targets[1]] == [("3", "0"), ("3", "1")]
    # And the writer plans them before its own calls, on an instance built from literals: each on its own, then
    # each after the ones the suite made before it on one instance (the state the suite's instance had)
    calls = plan_calls(source, "Scale.weigh", [TESTS], 5, [["3", "0"], ["3", "1"]])
    assert [(c.args, c.prior) for c in calls[:3]] == [(("3", "0"), ()), (("3", "1"), ()), (("3", "1"), (("3", "0"),))]
    assert calls[0].init is not None
    assert [c.tolerant for c in calls[:4]] == [True, True, True, False]
    assert len(calls) == 3 + 5


STOCK = """

class Stock:
    def __init__(self):
        self.items = {}

    def move(self, sku, qty):
        if qty == 0:
            raise ValueError("qty")
        if self.items.get(sku, 0) + qty < 0:
            raise ValueError("not enough")
        self.items[sku] = self.items.get(sku, 0) + qty
        return self.items[sku]
"""
STOCK_TESTS = """import pytest

from shop.orders import Stock


def test_stock():
    stock = Stock()
    assert stock.move("a", 5) == 5
    for bad in [("a", 0), ("a", -9)]:
        with pytest.raises(ValueError):
            stock.move(*bad)
"""


def test_a_methods_suite_calls_are_replayed_in_order_leaving_out_those_that_raise(
    fleet_of: Callable[..., RefactorFleet],
) -> None:
    # Given a suite that fills a stock, then checks a call that raises on any stock and one that raises only
    # on this one (not enough of "a")
    fleet = fleet_of(BASE)
    source = ORDERS + STOCK
    commit = fleet.commit({"shop/orders.py": source, "tests/test_orders.py": STOCK_TESTS})
    target = Target("shop/orders.py", "Stock.move")
    # When the suite's calls are recorded and the writer replays them
    with open_sandbox(fleet.ctx, fleet.repo, commit) as box:
        seeds = suite_calls(box, [target], {target: source}, ["-q", "tests"], timeout=120)
        made = characterise(box, [target], {"tests/test_orders.py": STOCK_TESTS}, max_calls=5, seeds=seeds)
    # Then "not enough" is reached as the suite reached it: after the fill, the call that raised left out
    assert seeds[target] == [("'a'", "5"), ("'a'", "0"), ("'a'", "-9")]
    assert made.source is not None
    assert (
        "obj = Stock()\n    obj.move('a', 5)\n    with pytest.raises(ValueError):\n        obj.move('a', -9)"
        in made.source
    )
