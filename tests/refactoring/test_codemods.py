"""The refactor fixer's rewrites on their own: what each one makes, that it computes the same, where it stops."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest

from agentfleet.flow.fixers.refactor.codemods import rewrite_function
from agentfleet.flow.fixers.refactor.ruff_fixes import safe_fixes
from agentfleet.flow.monitors.quality.config import QualityConfig
from agentfleet.flow.monitors.quality.metric import metric_of


def _run(text: str, name: str) -> Callable[..., Any]:
    space: dict[str, Any] = {}
    exec(compile(text, "<sample>", "exec"), space)  # our own sample code, in the test process
    return space[name]  # type: ignore[no-any-return]


def _same(before: str, after: str, name: str, inputs: list[tuple[Any, ...]]) -> None:
    old, new = _run(before, name), _run(after, name)
    for args in inputs:
        assert old(*args) == new(*args), args


NESTED = """
def shipping(qty, express, country):
    if qty:
        if qty > 0:
            if country == "FR":
                if express:
                    return 5
                else:
                    return 10
            else:
                return 20
        else:
            return 0
    else:
        return None
"""
GRID = list(itertools.product([None, 0, -1, 3], [True, False], ["FR", "DE"]))


def test_else_after_exit_flattens_a_nested_decision_and_computes_the_same() -> None:
    after, applied = rewrite_function(NESTED, "shipping")
    assert applied == {"else_after_exit": 4}
    assert after.count("    if") == 4
    assert "        if" not in after  # one level deep everywhere
    _same(NESTED, after, "shipping", GRID)


def test_ruff_safe_fixes_then_codemods_reach_the_same_flat_shape() -> None:
    fixed, codes = safe_fixes(NESTED, "m.py", "shipping", ["RET"])
    assert codes == ["RET505"] * 4
    after, applied = rewrite_function(fixed, "shipping")
    assert applied == {"guard_clause": 3}
    assert "        if" not in after
    _same(NESTED, after, "shipping", GRID)


def test_ruff_fixes_stay_inside_the_flagged_function() -> None:
    other = "\n\ndef other(a):\n    if a:\n        return 1\n    else:\n        return 2\n"
    fixed, codes = safe_fixes(NESTED + other, "m.py", "shipping", ["RET"])
    assert codes == ["RET505"] * 4
    assert fixed.endswith(other)


def test_merged_ifs_and_a_list_comprehension() -> None:
    before = (
        "def positive(xs, limit):\n    out = []\n    for x in xs:\n        if x > 0:\n            out.append(x * 2)\n"
        "    if limit:\n        if len(out) > limit:\n"
        "            # keep the first ones\n            out = out[:limit]\n"
        "    return out\n"
    )
    after, applied = rewrite_function(before, "positive")
    assert applied == {"merge_ifs": 1, "comprehension": 1}
    assert "    out = [x * 2 for x in xs if x > 0]\n" in after
    assert "    if limit and len(out) > limit:\n        # keep the first ones\n" in after
    _same(before, after, "positive", [([1, -2, 3], 0), ([1, 2, 3], 2), ([], 1)])


def test_bool_returns_keep_truthiness_exact() -> None:
    before = "def big(n):\n    if n and n > 100:\n        return True\n    return False\n"
    after, applied = rewrite_function(before, "big")
    assert applied == {"bool_return": 1}
    assert "return bool(n and n > 100)" in after
    _same(before, after, "big", [(0,), (None,), (5,), (500,)])
    inverse = "def small(n):\n    if n is None:\n        return False\n    else:\n        return True\n"
    assert "return n is not None" in rewrite_function(inverse, "small")[0]


def test_a_tail_if_becomes_a_guard_clause_in_functions_and_loops() -> None:
    before = (
        "def log(items, out):\n    for it in items:\n        if it:\n"
        "            out.append(it)\n            out.append(-it)\n"
        "    if out:\n        out.sort()\n        out.reverse()\n"
    )
    after, applied = rewrite_function(before, "log")
    assert applied == {"guard_clause": 2}
    assert "        if not it:\n            continue\n" in after
    assert "    if not out:\n        return\n" in after
    for items in ([1, 0, 2], [], [0]):
        a, b = [], []
        _run(before, "log")(items, a)
        _run(after, "log")(items, b)
        assert a == b


@pytest.mark.parametrize(
    ("name", "source"),
    [
        (
            "loop variable read after the loop",
            "    out = []\n    for x in xs:\n        out.append(x)\n    return out, x\n",
        ),
        (
            "result read inside the loop",
            "    out = []\n    for x in xs:\n        out.append(len(out) + x)\n    return out\n",
        ),
        (
            "loop inside a try",
            "    try:\n        out = []\n        for x in xs:\n            out.append(x)\n    finally:\n"
            "        pass\n    return out\n",
        ),
        (
            "loop inside a with (a context manager may swallow an exception)",
            "    with ctx:\n        out = []\n        for x in xs:\n            out.append(x)\n    return out\n",
        ),
        (
            "a comment in the loop",
            "    out = []\n    for x in xs:\n        # keep\n        out.append(x)\n    return out\n",
        ),
    ],
)
def test_a_loop_whose_comprehension_could_differ_stays_a_loop(name: str, source: str) -> None:
    text = "def f(xs):\n" + source
    after, applied = rewrite_function(text, "f")
    assert "comprehension" not in applied, name


def test_an_ordering_comparison_is_never_negated_into_its_opposite() -> None:
    # not (a < b) is not a >= b for NaN: the guard must say `not a < b`
    before = "def f(a, b, out):\n    if a < b:\n        out.append(1)\n        out.append(2)\n"
    after, _ = rewrite_function(before, "f")
    assert "if not a < b:" in after
    nan = float("nan")
    for args in ((nan, 1.0), (0.0, 1.0), (2.0, 1.0)):
        x, y = [], []
        _run(before, "f")(*args, x)
        _run(after, "f")(*args, y)
        assert x == y


def test_only_the_named_function_is_rewritten_and_methods_are_found_by_qualified_name() -> None:
    text = (
        "class C:\n    def m(self, a):\n        if a:\n            return 1\n        else:\n            return 2\n"
        + NESTED
    )
    after, applied = rewrite_function(text, "C.m")
    assert applied == {"else_after_exit": 1}
    assert after.endswith(NESTED)
    with pytest.raises(ValueError, match="no function 'D.m'"):
        rewrite_function(text, "D.m")


TERNARY = """
def intcomma(value, ndigits=None):
    if ndigits is not None:
        orig = "{0:.{1}f}".format(value, ndigits)
    else:
        orig = str(value)
    return orig
"""


def test_ternary_makes_one_assignment_of_an_if_else_pair_and_ruff_agrees() -> None:
    # Given humanize's intcomma shape: each branch assigns the same name (ruff's SIM108, whose fix is unsafe)
    after, applied = rewrite_function(TERNARY, "intcomma")
    # Then it is one conditional expression, ruff has nothing left, and the results are the same
    assert applied == {"ternary": 1}
    assert '    orig = "{0:.{1}f}".format(value, ndigits) if ndigits is not None else str(value)\n' in after
    conf = QualityConfig(rules=["SIM"])
    assert (
        metric_of("ruff", TERNARY, "m.py", "intcomma", conf),
        metric_of("ruff", after, "m.py", "intcomma", conf),
    ) == (
        1,
        0,
    )
    _same(TERNARY, after, "intcomma", [(3.14159, 2), (7, None), ("x", None)])


@pytest.mark.parametrize(
    ("yes", "no"),
    [("1, 2", "3"), ("1 if b else 2", "3"), ("lambda: 1", "lambda: 2"), ("4", "5, 6")],
)
def test_ternary_keeps_the_meaning_of_tuples_nested_conditionals_and_lambdas(yes: str, no: str) -> None:
    # Given branches whose values would bind differently written bare inside `a if c else b`
    text = f"def f(a, b):\n    if a:\n        x = {yes}\n    else:\n        x = {no}\n    return x\n"
    after, applied = rewrite_function(text, "f", ["ternary"])
    assert applied == {"ternary": 1}
    # Then they are parenthesised and every input gives the same value
    for a, b in itertools.product([True, False], [True, False]):
        old, new = _run(text, "f")(a, b), _run(after, "f")(a, b)
        assert (old() if callable(old) else old) == (new() if callable(new) else new), (a, b)


@pytest.mark.parametrize(
    "branches",
    [
        "    if a:\n        x = 1\n    else:\n        y = 2\n",  # two names
        "    if a:\n        x = 1  # one\n    else:\n        x = 2\n",  # a comment would be lost
        "    if a:\n        x = 1\n    elif b:\n        x = 2\n",  # an elif chain
        "    if a:\n        x = 1\n        z = 3\n    else:\n        x = 2\n",  # more than the assignment
        "    if a:\n        x.y = 1\n    else:\n        x.y = 2\n",  # not a plain name
        "    if a:\n        x = " + "1 + " * 30 + "1\n    else:\n        x = 2\n",  # too long for one line
    ],
)
def test_ternary_is_not_made_where_it_would_change_or_lose_something(branches: str) -> None:
    text = f"def f(a, b, x=None):\n{branches}    return x\n"
    _, applied = rewrite_function(text, "f", ["ternary"])
    assert "ternary" not in applied
