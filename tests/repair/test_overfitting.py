"""Anti-overfitting: candidates that swallow errors, special-case test inputs or touch tests are refused."""

from __future__ import annotations

import re
from collections.abc import Iterator

import libcst as cst
import pytest

from agentfleet.analysis import literals_in_tests
from agentfleet.flow.fixers.repair.candidates import CandidateStream
from agentfleet.flow.fixers.repair.localize import Location
from agentfleet.flow.fixers.repair.source import Edit, Site

SHOP = "def unit_price(qty):\n    return 10.0 / qty\n"
TESTS = "from shop import unit_price\n\n\ndef test_price():\n    assert unit_price(42) == 0.25\n"
FILES = {"shop.py": SHOP, "test_shop.py": TESTS}


def _rewrite_statement(code: str):
    def template(site: Site) -> Iterator[Edit]:
        if site.statement is not None:
            yield Edit(site.statement, cst.parse_statement(code), "crafted", 1)

    return template


HONEST = _rewrite_statement("return 10.0 / max(qty, 1)\n")


@pytest.mark.parametrize(
    ("bad_code", "rule"),
    [
        ("try:\n    return 10.0 / qty\nexcept ZeroDivisionError:\n    return 0.0\n", "swallowed-exception"),
        ("try:\n    return 10.0 / qty\nexcept:\n    pass\n", "swallowed-exception"),
        ("try:\n    return 10.0 / qty\nexcept Exception:\n    return None\n", "swallowed-exception"),
        ("return 0.25 if qty == 42 else 10.0 / qty\n", "special-case"),
    ],
    ids=["return-default", "bare-except-pass", "except-exception-none", "test-input-literal"],
)
def test_a_crafted_bad_patch_is_refused_and_an_honest_one_kept(bad_code: str, rule: str) -> None:
    # Given a stream whose only templates propose one bad and one honest rewrite of the crashing line
    stream = CandidateStream(
        [Location("shop.py", 2, 1.0)],
        FILES.__getitem__,
        literals_in_tests([TESTS]),
        templates=[_rewrite_statement(bad_code), HONEST],
    )
    # When candidates are taken for validation
    taken = stream.take(10)
    # Then the bad one never reaches a sandbox, with the rule it broke recorded; the honest one does
    assert [c.source for c in taken] == ["def unit_price(qty):\n    return 10.0 / max(qty, 1)\n"]
    assert stream.discarded == {rule: 1}


def test_test_files_are_never_edited_even_when_they_are_suspicious() -> None:
    # Given a localisation that (wrongly) puts a test line first
    locations = [Location("test_shop.py", 5, 2.0), Location("tests/helpers.py", 1, 1.5), Location("shop.py", 2, 1.0)]
    files = {**FILES, "tests/helpers.py": "X = 1\n"}
    stream = CandidateStream(locations, files.__getitem__, templates=[HONEST])
    # When the stream is drained
    taken = stream.take(50)
    # Then every candidate rewrites shop.py only, and the test lines were skipped on purpose
    assert {c.path for c in taken} == {"shop.py"}
    assert stream.discarded["test-file"] == 2


TREE = '''def contains(node, target):
    """Whether ``target`` is in the tree under ``node``."""
    return node.value == target or any(contains(child, target) for child in node.children)


def total(values):
    result = 0
    for value in values:
        result += value
    return result


def countdown(n):
    steps = []
    while n > 0:
        steps.append(n)
        n -= 1
    return steps
'''


def _delete(*snippets: str):
    """A template whose edits delete each snippet (a statement, or the right side of an ``or``)."""

    def template(site: Site) -> Iterator[Edit]:
        for node in site.nodes:
            code = cst.Module([]).code_for_node(node).strip()
            if code in snippets:
                parent = site.src.parent(node)
                if isinstance(node, cst.BooleanOperation):
                    yield Edit(node, node.left, "crafted", 1)
                elif isinstance(parent, cst.IndentedBlock):
                    body = [s for s in parent.body if s is not node]
                    yield Edit(parent, parent.with_changes(body=body), "crafted", 1)

    return template


@pytest.mark.parametrize(
    ("line", "snippet", "rule"),
    [
        (3, "node.value == target or any(contains(child, target) for child in node.children)", "lost-recursion"),
        (10, "return result", "lost-return"),
        (9, "result += value", "lost-loop-update"),
        (17, "n -= 1", "lost-loop-update"),
    ],
    ids=["sole-recursive-call", "sole-value-return", "for-loop-update", "while-loop-counter"],
)
def test_deleting_what_the_function_cannot_work_without_is_refused(line: int, snippet: str, rule: str) -> None:
    # Given a deletion that would pass weak tests but breaks the function in general
    stream = CandidateStream(
        [Location("tree.py", line, 1.0)], {"tree.py": TREE}.__getitem__, templates=[_delete(snippet)]
    )
    # When candidates are taken, Then it never reaches a sandbox and the reason is recorded
    assert stream.take(10) == []
    assert stream.discarded == {rule: 1}


def test_deleting_one_of_two_loop_updates_is_still_tried() -> None:
    stream = CandidateStream(
        [Location("tree.py", 16, 1.0)], {"tree.py": TREE}.__getitem__, templates=[_delete("steps.append(n)")]
    )
    assert [c.line for c in stream.take(10)] == [16]


def test_identity_arithmetic_is_never_emitted() -> None:
    # Given lines where the constant edits would write 0 + ..., x * 1 and x ** 1
    files = {"m.py": "def f(xs, x):\n    a = 1 + len(xs)\n    b = x * 2\n    return a + b ** 2\n"}
    stream = CandidateStream([Location("m.py", n, 1.0) for n in (2, 3, 4)], files.__getitem__)
    # When every candidate is taken
    sources = [c.source for c in stream.take(1000)]
    # Then none of them is arithmetic that does nothing; the deletion of `1 +` is among them
    assert sources
    assert not [s for s in sources if "0 + len" in s or "x * 1\n" in s or "b ** 1" in s]
    assert any("    a = len(xs)\n" in s for s in sources)
    assert stream.discarded["identity"] >= 3


def test_arithmetic_that_discards_an_operand_is_never_emitted() -> None:
    # Given a digit accumulator, where the constant edit would write `count * 0` (which passes any test
    # that only has one-digit counts by throwing the running value away)
    text = "def f(text):\n    count = 0\n    for ch in text:\n        count = count * 10 + int(ch)\n    return count\n"
    files = {"m.py": text}
    stream = CandidateStream([Location("m.py", 4, 1.0)], files.__getitem__)
    # When every candidate is taken
    sources = [c.source for c in stream.take(1000)]
    # Then none multiplies an operand by zero (deleting the operand is the plain form of that edit)
    assert sources
    assert not [s for s in sources if re.search(r"\* 0\b|\b(?<!\d)0 \*", s)]
    assert stream.discarded["identity"] >= 1
