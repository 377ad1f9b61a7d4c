"""Rare inputs for the refactor gate's differential tests, derived from ordinary calls, and exact dict order.

The real gate on refactors that change behaviour only on such inputs: tests/security/test_gate_round15_refactor.py.
"""

from __future__ import annotations

import ast

import pytest

from agentfleet.flow.fixers.tests.arg_variants import rare_calls, rare_variants
from agentfleet.flow.fixers.tests.calls import plan_calls
from agentfleet.flow.fixers.tests.characterise_raises import raises
from agentfleet.flow.gate.checks.refactor_exact import exact_results

QTY = 'def parse_qty(text, limit=100):\n    if int(text) > limit:\n        raise ValueError("over")\n'
QTY += "    return int(text)\n"


def _made(seed: list[str]) -> set[str]:
    return {", ".join(args) for _, args in rare_variants(ast.parse(QTY), [seed], [], 60)}


def test_each_argument_gets_rare_values_of_its_class() -> None:
    # Given ordinary calls: a sorted list, a title, a whole number, a dict, a flag, a number in a string
    # Then one argument at a time becomes a rare value of its class
    assert {"[3, 2, 1]", "[2, 3, 1]", "[1, 2, 3, 1]", "[]", "[[1], [2], [3]]"} <= _made(["[1, 2, 3]"])
    assert {"(2, 1)", "[1, 2]"} <= _made(["(1, 2)"])
    title = _made(["'Big Shop'"])
    assert {"''", "'BIG SHOP'", "'\\tBig Shop\\n'", "'Big  Shop'", "'Big Shop Éß'", "['Big Shop']"} <= title
    assert {"-4", "5", "3", "4.5", "4.1234", "100", "101", "99"} <= _made(["4"])
    assert {"2", "2.5", "-2.25"} <= _made(["2.25"])
    assert {"{'b': 2, 'a': 1}", "{}"} <= _made(["{'a': 1, 'b': 2}"])
    assert {"None", "2"} <= _made(["True"])
    assert {"'100'", "'101'", "'4'", "'-3'", "'+3'"} <= _made(["'3'"])


def test_rare_calls_follow_the_suites_calls_on_their_instance_and_stay_bounded() -> None:
    # Given the calls the writer plans, the suite's first
    calls = plan_calls(QTY, "parse_qty", [], 30, [(["' 3 '"], None)])
    # When rare calls are derived from them
    rare = rare_calls(QTY, "parse_qty", calls, 8)
    # Then they are new calls numbered after the others, the suite's call varied first
    assert len(rare) == 8
    assert rare[0].args[0] != "' 3 '"
    assert {c.id for c in rare}.isdisjoint(c.id for c in calls)
    assert not {c.args for c in rare} & {c.args for c in calls}
    assert rare_calls(QTY, "parse_qty", calls, 0) == []


@pytest.mark.parametrize(("returned", "holds"), [("{'a': 1, 'b': 2}", True), ("{'b': 2, 'a': 1}", False)])
def test_a_dict_is_compared_in_its_order(returned: str, holds: bool) -> None:
    # Given a differential test recorded on a dict, rewritten by the gate to compare exactly
    test = exact_results(f"def f():\n    return {returned}\n\n\ndef test_f():\n    assert f() == {{'a': 1, 'b': 2}}\n")
    scope: dict[str, object] = {}
    exec(compile(test, "differential", "exec"), scope)
    # Then the same items in another order fail it
    if holds:
        scope["test_f"]()  # type: ignore[operator]
    else:
        with pytest.raises(AssertionError):
            scope["test_f"]()  # type: ignore[operator]


def test_an_exception_is_pinned_with_its_whole_message() -> None:
    # Given what the sandbox recorded of a call that raised
    imports: list[str] = []
    row = {"raised": "ValueError", "raised_module": "builtins", "message": "'weight must be positive (kg)'"}
    clause = raises(row, imports)
    assert clause is not None
    # Then the test's pytest.raises holds for that message only, not for a reworded or a longer one
    check = eval(f"lambda: {clause}", {"pytest": pytest})  # the clause is host-made source
    with check():
        raise ValueError("weight must be positive (kg)")
    for other in ["bad weight", "no: weight must be positive (kg)"]:
        with pytest.raises(AssertionError), check():
            raise ValueError(other)
    # And a message that is no literal leaves the class alone
    assert raises({**row, "message": "<object at 0x1>"}, imports) == "pytest.raises(ValueError)"
