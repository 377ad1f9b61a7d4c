"""``suite_calls`` in a real bwrap sandbox: the calls the repository's own tests make to a function, recorded as
plain data only (no repository ``__repr__`` runs), and replayed first by the characterisation writer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from refactor_kit import BASE, NESTED, ORDERS, RefactorFleet

from agentfleet.flow.fixers.tests.calls import plan_calls
from agentfleet.flow.fixers.tests.characterise import Target, characterise
from agentfleet.flow.fixers.tests.suite_calls import SuiteCall, suite_calls
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
        SuiteCall(("12", "True", "'FR'")),
        SuiteCall(("3", "False", "[('FR', b'x'), {'k': None}]")),
        SuiteCall((None, "False", "'DE'")),
    ]
    assert marker.exit_code != 0
    # And a method's calls without ``self``, each positional parameter (a default as it was), with the arguments
    # its instance was built with
    assert found[targets[1]] == [SuiteCall(("3", "0"), ("2",)), SuiteCall(("3", "1"), ("2",))]
    # And the writer plans them before its own calls, on an instance built from literals when none was recorded:
    # each on its own, then each after the ones the suite made before it on one instance (the state it had)
    calls = plan_calls(source, "Scale.weigh", [TESTS], 5, [(["3", "0"], None), (["3", "1"], None)])
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
    assert [call.args for call in seeds[target]] == [("'a'", "5"), ("'a'", "0"), ("'a'", "-9")]
    assert made.source is not None
    assert (
        "obj = Stock()\n    obj.move('a', 5)\n    with pytest.raises(ValueError):\n        obj.move('a', -9)"
        in made.source
    )


PATTERN = """

class Pattern:
    def __init__(self, text):
        self.parts = text.split("-")

    def match(self, value):
        pieces = value.split("-")
        if len(pieces) != len(self.parts):
            return None
        return dict(zip(self.parts, pieces))
"""
PATTERN_TESTS = """from shop.orders import Pattern


def test_pattern():
    assert Pattern("").match("") == {"": ""}
    assert Pattern("x").match("") == {"x": ""}
    assert Pattern("a-b-c").match("1-2-3") == {"a": "1", "b": "2", "c": "3"}
"""


def test_a_methods_suite_calls_are_replayed_on_the_instance_the_suite_built(
    fleet_of: Callable[..., RefactorFleet],
) -> None:
    # Given a method whose result depends on what its instance was built with (parse's ``Parser(format).parse``:
    # replayed on ``Parser('')``, no string the suite parsed matched, and the refactor gate found no differential
    # test for the lines after the match)
    fleet = fleet_of(BASE)
    source = ORDERS + PATTERN
    commit = fleet.commit({"shop/orders.py": source, "tests/test_orders.py": PATTERN_TESTS})
    target = Target("shop/orders.py", "Pattern.match")
    # When the suite's calls are recorded and the writer replays them
    with open_sandbox(fleet.ctx, fleet.repo, commit) as box:
        seeds = suite_calls(box, [target], {target: source}, ["-q", "tests"], timeout=120)
        made = characterise(box, [target], {"tests/test_orders.py": PATTERN_TESTS}, max_calls=1, seeds=seeds)
    # Then each call carries its instance's constructor arguments, and is replayed on an instance built alike
    assert SuiteCall(("'1-2-3'",), ("'a-b-c'",)) in seeds[target]
    assert made.source is not None
    assert "obj = Pattern('a-b-c')\n    assert obj.match('1-2-3') == {'a': '1', 'b': '2', 'c': '3'}" in made.source
