"""Anti-overfitting: candidates that swallow errors, special-case test inputs or touch tests are refused."""

from __future__ import annotations

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
