"""The shared analyses: swallowed exceptions, test weakening, special-casing, test files."""

from __future__ import annotations

import textwrap

import pytest

from agentfleet.analysis import (
    FileChange,
    is_test_file,
    literals_in_tests,
    new_swallowed_exceptions,
    review_changes,
    special_cases,
    swallowed_exceptions,
    weakened_tests,
)

ORIGINAL = textwrap.dedent(
    """
    def average(values):
        return sum(values) / len(values)
    """
)


def _wrap(handler: str) -> str:
    head = "\ndef average(values):\n    try:\n        return sum(values) / len(values)\n"
    return head + "    " + handler + "\n"


@pytest.mark.parametrize(
    ("handler", "says"),
    [
        ("except:\n        return 0", "returns the default 0"),
        ("except ZeroDivisionError:\n        pass", "ignores the error"),
        ("except Exception:\n        ...", "ignores the error"),
        ("except ZeroDivisionError:\n        return None", "returns the default None"),
        ("except (ValueError, ZeroDivisionError):\n        return []", "returns the default []"),
        ("except:\n        print('oops')", "bare `except:`"),
    ],
)
def test_swallowing_handlers_are_new_violations(handler: str, says: str) -> None:
    found = new_swallowed_exceptions(ORIGINAL, _wrap(handler), "stats.py")
    assert len(found) == 1
    assert found[0].rule == "swallowed-exception"
    assert says in found[0].message
    assert found[0].path == "stats.py"
    assert found[0].line == 5
    assert "in average" in found[0].message


@pytest.mark.parametrize(
    "handler",
    [
        "except ZeroDivisionError:\n        raise ValueError('no values') from None",
        "except:\n        log()\n        raise",
        "except ZeroDivisionError:\n        return fallback(values)",
    ],
)
def test_handlers_that_still_fail_or_recover_are_not_swallowing(handler: str) -> None:
    assert swallowed_exceptions(_wrap(handler)) == []


def test_suppress_of_everything_is_swallowing_but_a_named_error_is_not() -> None:
    broad = "import contextlib\nwith contextlib.suppress(Exception):\n    run()\n"
    narrow = "from contextlib import suppress\nwith suppress(FileNotFoundError):\n    run()\n"
    assert [v.line for v in swallowed_exceptions(broad)] == [2]
    assert swallowed_exceptions(narrow) == []


def test_existing_swallowing_code_that_moves_is_not_reported_again() -> None:
    before = _wrap("except ZeroDivisionError:\n        pass")
    after = "import os\n\n" + before
    assert swallowed_exceptions(after)
    assert new_swallowed_exceptions(before, after) == []


TESTS_BEFORE = textwrap.dedent(
    """
    import pytest

    def test_mean():
        assert mean([1, 2, 3]) == 2
        assert mean([4]) == 4

    class TestEmpty:
        def test_raises(self):
            with pytest.raises(ValueError):
                mean([])
    """
)


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("    assert mean([4]) == 4\n", "", "test_mean: assertions 2 -> 1"),
        ("assert mean([4]) == 4", "assert True", "test_mean: assertions 2 -> 1"),
        ("def test_mean", "@pytest.mark.skip\ndef test_mean", "test_mean: new skip"),
        ("    def test_raises", "    @pytest.mark.xfail\n    def test_raises", "TestEmpty.test_raises: new skip"),
        ("def test_mean():\n", "def test_mean():\n    pytest.skip('later')\n", "test_mean: new skip"),
        ("def test_raises", "def helper_raises", "test TestEmpty.test_raises was deleted"),
        ("import pytest\n", "import pytest\npytestmark = pytest.mark.skip\n", "<module>: new skip"),
    ],
)
def test_each_kind_of_test_weakening_is_reported(old: str, new: str, says: str) -> None:
    assert old in TESTS_BEFORE
    found = weakened_tests(TESTS_BEFORE, TESTS_BEFORE.replace(old, new), "tests/test_stats.py")
    assert [v.rule for v in found] == ["test-weakened"]
    assert says in found[0].message


def test_deleting_a_test_file_deletes_every_test_in_it() -> None:
    found = weakened_tests(TESTS_BEFORE, None, "tests/test_stats.py")
    assert sorted(v.message for v in found) == ["test TestEmpty.test_raises was deleted", "test test_mean was deleted"]


def test_adding_tests_and_assertions_is_not_weakening() -> None:
    stronger = TESTS_BEFORE + "\ndef test_two():\n    assert mean([2, 2]) == 2\n"
    assert weakened_tests(TESTS_BEFORE, stronger, "tests/test_stats.py") == []
    assert weakened_tests(None, stronger, "tests/test_new.py") == []


def test_special_casing_a_test_input_is_found_but_natural_boundaries_are_not() -> None:
    literals = literals_in_tests(
        ["def test_f():\n    assert price('gold', 42) == 37.5\n    assert price('', 0) == 0\n"]
    )
    before = "def price(tier, qty):\n    return qty * 0.9\n"
    hacked = "def price(tier, qty):\n    if qty == 42:\n        return 37.5\n    return qty * 0.9\n"
    in_tuple = "def price(tier, qty):\n    if tier in ('gold', 'silver'):\n        return 37.5\n    return qty * 0.9\n"
    boundary = "def price(tier, qty):\n    if qty == 0:\n        return 0\n    return qty * 0.9\n"
    assert [v.line for v in special_cases(before, hacked, literals, "shop.py")] == [2]
    assert "42" in special_cases(before, hacked, literals)[0].message
    assert len(special_cases(before, in_tuple, literals)) == 1
    assert special_cases(before, boundary, literals) == []
    assert special_cases(hacked, hacked, literals) == []


def test_a_comparison_moved_into_a_helper_is_not_a_new_special_case() -> None:
    # Given a function comparing with a literal the tests use, before the patch
    literals = literals_in_tests(["assert clock(12) == 0"])
    before = "def clock(h):\n    if h == 12:\n        return 0\n    return h\n"
    # When a refactor moves the comparison into a helper, and a cheat copies it into a second function
    moved = "def _noon(h):\n    return h == 12\n\n\ndef clock(h):\n    return 0 if _noon(h) else h\n"
    copied = before + "\n\ndef other(h):\n    return 1 if h == 12 else h\n"
    # Then only the copy is new
    assert special_cases(before, moved, literals) == []
    assert [v.line for v in special_cases(before, copied, literals)] == [8]


def test_special_casing_in_a_match_statement_is_found() -> None:
    literals = literals_in_tests(["assert area(7) == 49"])
    after = "def area(n):\n    match n:\n        case 7:\n            return 49\n    return n * 2\n"
    assert len(special_cases("def area(n):\n    return n * 2\n", after, literals)) == 1


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("tests/test_app.py", True),
        ("pkg/test_app.py", True),
        ("pkg/app_test.py", True),
        ("conftest.py", True),
        ("tests/data/fixture.json", True),
        ("src/app/testing_utils.py", False),
        ("src/app/contest.py", False),
        ("app.py", False),
    ],
)
def test_test_files_follow_pytest_conventions(path: str, expected: bool) -> None:
    assert is_test_file(path) is expected


def test_review_changes_combines_every_rule_and_can_forbid_test_edits() -> None:
    literals = literals_in_tests([TESTS_BEFORE])
    changes = [
        FileChange("stats.py", ORIGINAL, _wrap("except ZeroDivisionError:\n        return 0")),
        FileChange("tests/test_stats.py", TESTS_BEFORE, None),
        FileChange("README.md", "a", "b"),
    ]
    rules = sorted(v.rule for v in review_changes(changes, test_literals=literals))
    assert rules == ["swallowed-exception", "test-weakened", "test-weakened"]
    strict = review_changes(changes[1:2], allow_test_edits=False)
    assert [v.rule for v in strict][0] == "test-edited"


def test_unparsable_source_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"app\.py: not valid Python \(line 1\)"):
        swallowed_exceptions("def broken(:\n", "app.py")
