"""Moving statements into a helper: duplicated blocks, extract function, and every reason to refuse."""

from __future__ import annotations

from typing import Any

import pytest

from agentfleet.contracts import Refactor
from agentfleet.flow.fixers.refactor.extract import extract
from agentfleet.flow.fixers.refactor.fixer import refactor_text
from agentfleet.flow.monitors.quality.config import QualityConfig

CLONES = """import math


def summary(items, tax):
    # add up the positive prices
    total = 0
    for p in items:
        if p > 0:
            total += p * 2
    total = total * (1 + tax)
    print("summary", total)
    return total


def invoice(lines, rate):
    s = 0
    for it in lines:
        if it > 0:
            s += it * 2
    s = s * (1 + rate)
    return {"total": s}
"""


def _call(text: str, name: str, *args: Any) -> Any:
    space: dict[str, Any] = {}
    exec(compile(text, "<sample>", "exec"), space)  # our own sample code, in the test process
    return space[name](*args)


def test_renamed_copies_call_one_helper_with_their_own_names() -> None:
    done = extract(CLONES, [("summary", 6, 10), ("invoice", 16, 20)], "_summary_shared")
    assert done.problem is None
    assert done.helper == "_summary_shared"
    assert "def _summary_shared(items, tax):\n    total = 0\n" in done.text
    assert "    # add up the positive prices\n    total = _summary_shared(items, tax)\n" in done.text
    assert "    s = _summary_shared(lines, rate)\n" in done.text
    assert done.text.index("def _summary_shared") < done.text.index("def summary")
    for args in (([1.0, -2.0, 3.0], 0.1), ([], 0.0)):
        assert _call(done.text, "invoice", *args) == _call(CLONES, "invoice", *args)


@pytest.mark.parametrize(
    ("body", "lines", "why"),
    [
        ("    if a:\n        return 1\n    b = 2\n    return b\n", (2, 4), "holds return"),
        ("    for x in a:\n        if x:\n            break\n        b = x\n    return a\n", (3, 4), "break leaves it"),
        ("    if a:\n        b = 1\n    c = b + 1\n    d = c * 2\n    return d\n", (4, 5), "b may be unbound"),
        ("    f = lambda: a\n    g = f()\n    return g\n", (2, 3), "holds lambda"),
        (
            "    try:\n        b = a + 1\n        c = b * 2\n    except TypeError:\n        c = 0\n    return c\n",
            (3, 4),
            "writes locals inside a try",
        ),
        (
            "    with suppress(ValueError):\n        b = int(a)\n        c = b * 2\n    return c\n",
            (3, 4),
            "inside a try or with block",
        ),
    ],
)
def test_a_region_that_cannot_move_unchanged_is_refused_with_the_reason(
    body: str, lines: tuple[int, int], why: str
) -> None:
    text = "def f(a):\n" + body
    done = extract(text, [("f", *lines)], "_f_part")
    assert done.problem is not None
    assert why in done.problem
    assert done.text == text


def test_a_name_updated_in_a_loop_is_given_back_each_time() -> None:
    text = (
        "def f(xs):\n    seen = 0\n    out = []\n    for x in xs:\n        if x > seen:\n            seen = x\n"
        "            out.append(x)\n    return out\n"
    )
    done = extract(text, [("f", 5, 7)], "_f_part")
    assert done.problem is None
    assert "seen = _f_seen(x, seen, out)" in done.text
    assert _call(done.text, "f", [1, 3, 2, 5, 4]) == _call(text, "f", [1, 3, 2, 5, 4]) == [1, 3, 5]


def test_class_private_names_stay_in_their_class() -> None:
    text = "class C:\n    def m(self, a):\n        b = a + 1\n        self.__x = b\n        return b\n"
    done = extract(text, [("C.m", 3, 4)], "_m_part")
    assert done.problem is not None
    assert "class-private name __x" in done.problem


def test_extract_function_lowers_complexity_below_the_threshold_and_computes_the_same() -> None:
    text = """def report(rows, limit):
    kept = []
    for row in rows:
        if row is None:
            continue
        if row > limit:
            kept.append(limit)
        elif row < 0:
            kept.append(0)
        else:
            kept.append(row)
    total = 0
    for k in kept:
        if k % 2:
            total += k
        else:
            total -= k
    return kept, total
"""
    item = Refactor(rule="complexity", path="m.py", function="report", repo="r", base_commit="abcdef1", fingerprint="f")
    attempt = refactor_text(item, text, QualityConfig(max_complexity=4))
    assert attempt.metric_before == 7
    assert attempt.metric_after is not None
    assert attempt.metric_after <= 4
    assert any(step.startswith("extract: _report_") for step in attempt.steps)
    for rows in ([1, None, 9, -3, 4], [], [None]):
        assert _call(attempt.text, "report", rows, 5) == _call(text, "report", rows, 5)


@pytest.mark.parametrize(
    "binding",
    [
        "    def scale(v):\n        return v * 2\n",
        "    class scale(int):\n        pass\n",
        "    from math import floor as scale\n",
    ],
)
def test_a_local_function_class_or_import_the_region_uses_goes_in_as_an_input(binding: str) -> None:
    # Given a region calling a name the function binds with def, class or import (more-itertools'
    # distinct_permutations calls its nested _full and _partial)
    text = f"def f(xs):\n{binding}    out = []\n    for x in xs:\n        out.append(scale(x))\n    return out\n"
    first = text.splitlines().index("    out = []") + 1
    # When it moves into a helper
    done = extract(text, [("f", first, first + 2)], "_f_part")
    # Then the helper is handed that local, and the function computes the same (no NameError)
    assert done.problem is None
    assert "scale" in done.text.split("def _f_")[1].split(")")[0]
    assert _call(done.text, "f", [1, 2]) == _call(text, "f", [1, 2])


BRANCHES = """def f(value):
    if isinstance(value, int):
        delta = value
    else:
        try:
            delta = int(value)
        except ValueError:
            return None
    total = delta * 2
    total += 1
    return total
"""


def test_a_name_every_branch_binds_or_leaves_is_bound_after_the_if() -> None:
    # Given delta bound on every path through an if/else and a try whose handler returns (humanize's
    # naturaldelta)
    done = extract(BRANCHES, [("f", 9, 10)], "_f_part")
    # Then the statements after it can move, taking delta as an input
    assert done.problem is None
    assert "(delta)" in done.text
    for value in (3, "4", "x"):
        assert _call(done.text, "f", value) == _call(BRANCHES, "f", value)


def test_a_name_one_branch_leaves_unbound_stays_unbound() -> None:
    text = BRANCHES.replace("            return None\n", "            pass\n")
    done = extract(text, [("f", 9, 10)], "_f_part")
    assert done.problem is not None
    assert "delta may be unbound" in done.problem


DEEP = """def route(rows, mode):
    total = 0
    for row in rows:
        for a in range(row):
            total += 1
            for b in range(a):
                total += 1
                for c in range(b):
                    total += 1
                    for d in range(c):
                        total += 1
                        for e in range(d):
                            total += 1
                            for f in range(e):
                                total += 1
                                for g in range(f):
                                    total = max([total, g], key=lambda v: v) + 1
    if total > mode:
        total -= 1
    return total
"""


def test_blocks_holding_a_construct_no_helper_takes_do_not_use_up_the_tries() -> None:
    # Given a function whose heaviest blocks all hold one lambda (schema 0.7.7's Schema.validate: the twelve
    # tries went to blocks around the same lambda, and no helper was made)
    item = Refactor(rule="complexity", path="m.py", function="route", repo="r", base_commit="abcdef1", fingerprint="f")
    # When the fixer extracts
    attempt = refactor_text(item, DEEP, QualityConfig(max_complexity=8))
    # Then a block without the lambda becomes the helper, and the function computes the same
    assert any(step.startswith("extract: _route_") for step in attempt.steps), attempt.tried
    assert attempt.metric_after is not None
    assert attempt.metric_before is not None
    assert attempt.metric_after < attempt.metric_before
    for rows in ([1, 5, 8, 0, 3], [], [2]):
        assert _call(attempt.text, "route", rows, 1) == _call(DEEP, "route", rows, 1)


TWIN = """def getter(index):
    return lambda seq: seq[index]


def _join_leftkey(leftkey):
    if not callable(leftkey):
        leftkey = getter(leftkey)
    return leftkey


def join(leftkey, leftseq, rightkey, rightseq):
    leftkey = _join_leftkey(leftkey)
    if not callable(rightkey):
        rightkey = getter(rightkey)
    return [(a, b) for a in leftseq for b in rightseq if leftkey(a) == rightkey(b)]
"""


def test_a_block_the_module_already_has_a_helper_for_calls_that_helper() -> None:
    # Given a helper extracted from one block (toolz's join: the left key) and its twin block still inline
    # When the twin block is extracted
    result = extract(TWIN, [("join", 13, 14)], "_join_part")
    # Then the existing helper is called with the twin's names, and no copy of it is added
    assert result.problem is None
    assert result.helper == "_join_leftkey"
    assert "rightkey = _join_leftkey(rightkey)" in result.text
    assert result.text.count("def ") == 3
    assert _call(result.text, "join", 0, [(1, "a")], 1, [("x", 1)]) == [((1, "a"), ("x", 1))]


def test_a_block_calling_another_global_is_no_copy_of_the_helper() -> None:
    # Given the twin block calls `setter` where the helper calls `getter`
    text = TWIN.replace("        rightkey = getter(rightkey)", "        rightkey = setter(rightkey)")
    text = text.replace("def _join_leftkey", "def setter(index):\n    return index\n\n\ndef _join_leftkey")
    # When it is extracted, then it gets a helper of its own
    result = extract(text, [("join", 17, 18)], "_join_part")
    assert result.problem is None
    assert result.helper == "_join_rightkey"


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        ("getter(leftkey, 0)", "getter(rightkey, 1)"),  # another constant
        ("getter(leftkey).left", "getter(rightkey).right"),  # another attribute
        ("getter(index=leftkey)", "getter(n=rightkey)"),  # another keyword
    ],
)
def test_a_block_differing_in_a_constant_attribute_or_keyword_is_no_copy_of_the_helper(ours: str, theirs: str) -> None:
    # Given a helper and a twin block that is the same code with other names, but for one value
    text = TWIN.replace("def getter(index):", "def getter(index=0, n=0):")
    text = text.replace("leftkey = getter(leftkey)", f"leftkey = {ours}")
    text = text.replace("rightkey = getter(rightkey)", f"rightkey = {theirs}")
    # When the twin block is extracted, then it gets a helper of its own: calling the other would change a value
    result = extract(text, [("join", 13, 14)], "_join_part")
    assert result.problem is None
    assert result.helper != "_join_leftkey"


def test_the_implementation_after_overload_stubs_is_the_function_refactored() -> None:
    # Given a method declared twice with @typing.overload before its implementation (itsdangerous'
    # TimestampSigner.unsign): Python binds the name to the last definition, the one with the complexity
    body = "\n".join("    " + line for line in _REPORT.splitlines()[1:])
    stubs = "".join(
        f"    @typing.overload\n    def report(self, rows: {kind}, limit: int) -> int: ...\n\n"
        for kind in ("list", "tuple")
    )
    text = f"import typing\n\n\nclass Sheet:\n{stubs}    def report(self, rows, limit):\n{body}\n"
    item = Refactor(
        rule="complexity", path="m.py", function="Sheet.report", repo="r", base_commit="abcdef1", fingerprint="f"
    )
    # When the fixer works on Sheet.report
    attempt = refactor_text(item, text, QualityConfig(max_complexity=4))
    # Then it measures and rewrites the implementation, and leaves the stubs as they are
    assert attempt.metric_before == 7
    assert attempt.metric_after is not None
    assert attempt.metric_after <= 4
    assert attempt.text.count("def report(self, rows: list, limit: int) -> int: ...") == 1


_REPORT = """def report(rows, limit):
    kept = []
    for row in rows:
        if row is None:
            continue
        if row > limit:
            kept.append(limit)
        elif row < 0:
            kept.append(0)
        else:
            kept.append(row)
    total = 0
    for k in kept:
        if k % 2:
            total += k
        else:
            total -= k
    return kept, total
"""


LOCALE_COPIES = """class Czech:
    forms = {"day": "{0} den"}

    def format(self, frame, delta):
        size = abs(delta)
        form = self.forms[frame]
        return form.format(size)


class Slovak:
    forms = {"day": "{0} deň"}

    def format(self, frame, delta):
        size = abs(delta)
        form = self.forms[frame]
        return form.format(size)
"""


def test_a_helper_takes_the_inputs_in_the_order_of_the_function_s_parameters() -> None:
    # Given two methods whose shared body reads `delta` before `self` and `frame` (arrow's Czech and Slovak locales)
    done = extract(LOCALE_COPIES, [("Czech.format", 5, 7), ("Slovak.format", 14, 16)], "_format_shared")
    # Then the helper's parameters follow the methods' own signature, `self` first, not the order of first reads
    assert done.problem is None
    assert "def _format_shared(self, frame, delta):\n" in done.text
    assert done.text.count("return _format_shared(self, frame, delta)") == 2


EARLY_EXIT = """class Renderer:
    def __init__(self, columns, colors):
        if columns is not None:
            defaults = [c for c in columns if not c]
            if not defaults:
                raise ValueError("no default column")
            self.columns = [c for c in columns if c]
            return
        self.columns = ["plain" if not colors else "colourful"]
"""


def test_a_region_ending_in_a_bare_return_leaves_it_at_the_call() -> None:
    # Given an early exit that ends in a bare `return` (structlog's `ConsoleRenderer.__init__`)
    # When the block inside the `if` moves into a helper
    done = extract(EARLY_EXIT, [("Renderer.__init__", 4, 8)], "_set_columns")
    # Then the call returns, and the helper has no bare `return` as its last line (nothing follows it there)
    assert done.problem is None
    assert "            return _set_columns(self, columns)\n" in done.text
    helper = done.text[done.text.index("def _set_columns") : done.text.index("class Renderer")]
    assert helper.rstrip().endswith("self.columns = [c for c in columns if c]")
    space: dict[str, Any] = {}
    exec(compile(done.text, "<sample>", "exec"), space)  # our own sample code, in the test process
    assert space["Renderer"]([0, 1, 2], False).columns == [1, 2]
