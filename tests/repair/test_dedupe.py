"""The same patch runs once, whichever templates write it and however they lay it out."""

from __future__ import annotations

import ast
from collections import Counter

from agentfleet.flow.fixers.repair.candidates import CandidateStream
from agentfleet.flow.fixers.repair.localize import Location

SHIFT = """def shift(pos, step, limit):
    at = pos + step - limit
    if at < limit:
        return 0
    return at
"""


def _sources(path: str, text: str, line: int) -> list[str]:
    stream = CandidateStream([Location(path, line, 1.0)], {path: text}.__getitem__, limit=5000)
    return [c.source for c in stream.take(5000)]


def _new_lines(path: str, text: str, line: int) -> list[str]:
    return [source.splitlines()[line - 1].strip() for source in _sources(path, text, line)]


def test_clamp_and_missing_term_writing_the_same_max_run_once() -> None:
    # Given a value the function compares with ``limit``: clamp writes max(e, limit), missing-term max(limit, e)
    # When the stream hands out every candidate at that line
    lines = _new_lines("shift.py", SHIFT, 2)
    # Then the value kept at least ``limit`` is run once, in the first form found
    maxed = [t for t in lines if t in ("at = max(pos + step - limit, limit)", "at = max(limit, pos + step - limit)")]
    assert maxed == ["at = max(pos + step - limit, limit)"]
    assert "at = min(pos + step - limit, limit)" in lines


def test_rewrites_that_change_only_brackets_or_argument_order_of_min_are_not_run_twice() -> None:
    # Given a line where an ingredient is found with and without redundant brackets, and min's arguments swap
    text = "def best(a, i):\n    return min(a[i + 1], a[i - 1]) + (i + 1)\n"
    # When every candidate there is handed out
    sources = _sources("best.py", text, 2)
    # Then no two have the same syntax tree up to the order of min's arguments
    assert all(n == 1 for n in Counter(ast.dump(ast.parse(s)) for s in sources).values())
    assert not any("return min(a[i - 1], a[i + 1]) + (i + 1)" in s for s in sources)
