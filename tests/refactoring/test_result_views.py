"""Results no literal shows (a ``NamedTuple``, a ``dict`` subclass, a list past the repr's size cap) are still
pinned by what reads back: their plain contents, else their length and first items — not only their type."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from refactor_kit import BASE, RefactorFleet

from agentfleet.flow.fixers.tests.characterise import Target, characterise
from agentfleet.flow.fixers.tests.characterise_views import view_lines
from agentfleet.flow.fixers.tests.suite_calls import SuiteCall
from agentfleet.flow.gate.checks.refactor_pins import pinning_tests
from agentfleet.sandboxes.factory import open_sandbox

SHAPES = """from collections import OrderedDict
from typing import NamedTuple


class RGB(NamedTuple):
    red: int
    green: int
    blue: int


def parse(text):
    return RGB(*(int(text[i:i + 2], 16) for i in (1, 3, 5)))


def ranks(n):
    return OrderedDict((f"k{i}", i) for i in range(n))


def squares(n):
    return [i * i for i in range(n)]
"""
USES = """from shop.shapes import parse, ranks, squares


def test_shapes():
    assert parse("#0a0b0c") == (10, 11, 12)
    assert ranks(2)["k1"] == 1
    assert len(squares(200)) == 200
"""


@pytest.mark.bwrap
@pytest.mark.slow
def test_a_named_tuple_a_dict_subclass_and_a_long_list_are_pinned_by_their_contents(
    fleet_of: Callable[..., RefactorFleet],
) -> None:
    # Given functions returning a NamedTuple, an OrderedDict and a list whose repr is past the cap
    fleet = fleet_of(BASE)
    commit = fleet.commit({"shop/shapes.py": SHAPES, "tests/test_shapes.py": USES})
    targets = [Target("shop/shapes.py", name) for name in ("parse", "ranks", "squares")]
    # When the characterisation writer records the suite's calls to them in a real sandbox
    with open_sandbox(fleet.ctx, fleet.repo, commit) as box:
        seeds = {t: [SuiteCall((arg,))] for t, arg in zip(targets, ("'#0a0b0c'", "3", "200"), strict=True)}
        made = characterise(box, targets, {"tests/test_shapes.py": USES}, max_calls=1, seeds=seeds)
    # Then each test asserts what the value holds, and so pins the function's behaviour
    assert made.source is not None
    assert "assert tuple(result) == (10, 11, 12)" in made.source
    assert "assert dict(result) == {'k0': 0, 'k1': 1, 'k2': 2}" in made.source
    assert "assert len(result) == 200" in made.source
    assert "assert result[:10] == [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]" in made.source
    assert {"test_parse_1", "test_ranks_1", "test_squares_1"} <= pinning_tests(made.source)


def test_views_are_re_read_as_literals_and_a_mapping_is_read_by_its_pairs() -> None:
    assert view_lines("r", {"plain": "tuple", "plain_value": "(1, 2)"}) == ["assert tuple(r) == (1, 2)"]
    assert view_lines("r", {"length": 40, "head": "[('a', 1)]", "head_size": 1, "head_items": True}) == [
        "assert len(r) == 40",
        "assert list(r.items())[:1] == [('a', 1)]",
    ]
    # sandbox text that is not a literal, or a builtin name it made up, is never written as source
    assert view_lines("r", {"plain": "os.system", "plain_value": "(1,)"}) == []
    assert view_lines("r", {"length": "len(x)", "head": "__import__('os')", "head_size": 3}) == []
