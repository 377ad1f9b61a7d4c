"""``silent_tests``: the tests a patch adds that assert nothing, read from the texts as ``tests_not_weakened`` reads
them (the same counts)."""

from __future__ import annotations

from agentfleet.analysis import silent_tests, weakened_tests

HONEST = """import pytest
import unittest
from helpers import check_total
from shop import pricing


def _expect(value):
    assert value == 3


def test_value():
    assert pricing.total(1) == 3


def test_raises():
    with pytest.raises(ValueError):
        pricing.total(-1)


def test_local_helper():
    _expect(pricing.total(1))


def test_imported_helper():
    check_total(pricing.total(1))


class TestTotal(unittest.TestCase):
    def test_method(self):
        self.assertEqual(pricing.total(1), 3)
"""


def _silent(after: str, before: str | None = None, others: dict[str, str | None] | None = None) -> list[str]:
    return [v.message for v in silent_tests(before, after, "tests/test_new.py", others)]


def test_tests_that_assert_in_any_usual_way_are_not_silent() -> None:
    assert _silent(HONEST) == []


def test_tests_that_only_call_or_assert_a_constant_are_silent() -> None:
    # Given tests that call the code and check nothing, however dressed up
    source = (
        "from shop import pricing\n\n\n"
        "def assert_fine(value):\n    return value\n\n\n"
        "def test_calls():\n    pricing.total(1)\n\n\n"
        "def test_true():\n    assert True\n    pricing.total(2)\n\n\n"
        "def test_dead():\n    if False:\n        assert pricing.total(1) == 3\n\n\n"
        "def test_fake_helper():\n    assert_fine(pricing.total(1))\n\n\n"
        "class TestTotal:\n    def test_method(self):\n        pricing.total(1)\n"
    )
    # Then each is named; a helper the file defines counts by what its body does, not by its name
    assert _silent(source) == [
        f"{name} asserts nothing: it passes whatever the code does"
        for name in ("test_calls", "test_true", "test_dead", "test_fake_helper", "TestTotal.test_method")
    ]


def test_a_helper_the_patch_adds_elsewhere_counts_by_its_body() -> None:
    # Given a test calling a check helper the same patch defines in another test file, doing nothing
    source = "from tests.helpers import check_total\n\n\ndef test_total():\n    check_total(1)\n"
    others = {"tests/helpers.py": "def check_total(value):\n    return value\n"}
    # Then the helper is judged by its body, not trusted by its name
    assert _silent(source, others=others) == ["test_total asserts nothing: it passes whatever the code does"]
    assert _silent(source) == []


def test_only_new_tests_are_judged() -> None:
    # Given a file whose existing test asserts nothing, and a patch that adds an asserting test to it
    before = "def test_old():\n    print(1)\n"
    after = before + "\n\ndef test_new():\n    assert 1 + 1 == 2\n"
    # Then the old test is not the patch's doing
    assert _silent(after, before) == []


def test_assertions_true_of_any_result_do_not_count() -> None:
    # Given tests whose only checks hold whatever the code returns, and a bare pytest.raises that checks nothing
    source = (
        "import pytest\nfrom shop.pricing import share\n\n\n"
        "def test_same():\n    assert share(1, 0) == share(1, 0)\n\n\n"
        "def test_self():\n    r = share(1, 2)\n    assert r == r\n\n\n"
        "def test_object():\n    assert isinstance(share(1, 2), object)\n\n\n"
        "def test_bare_raises():\n    pytest.raises(ValueError)\n    share(1, 0)\n\n\n"
        "class TestShare:\n    def test_true(self):\n        share(1, 2)\n        self.assertTrue(True)\n\n"
        "    def test_equal_self(self):\n        self.assertEqual(share(1, 2), share(1, 2))\n"
    )
    # Then each is silent; the same checks against a value or as a context are not
    assert [m.partition(" ")[0] for m in _silent(source)] == [
        "test_same",
        "test_self",
        "test_object",
        "test_bare_raises",
        "TestShare.test_true",
        "TestShare.test_equal_self",
    ]
    honest = (
        "import pytest\nfrom shop.pricing import share\n\n\n"
        "def test_raises_callable():\n    pytest.raises(ZeroDivisionError, share, 1, 0)\n\n\n"
        "class TestShare:\n    def test_value(self):\n        self.assertEqual(share(1, 2), 0.5)\n\n"
        "    def test_state(self):\n        self.assert_valid()\n"
    )
    assert _silent(honest) == []


def test_an_assertion_made_true_of_any_result_weakens_the_test() -> None:
    # Given an existing test whose expected value a patch replaces by the call itself
    before = "from shop.pricing import share\n\n\ndef test_share():\n    assert share(1, 2) == 0.5\n"
    after = before.replace("== 0.5", "== share(1, 2)")
    # Then tests_not_weakened's counts see one assertion fewer
    assert [v.message for v in weakened_tests(before, after, "tests/test_share.py")] == [
        "test_share: assertions 1 -> 0"
    ]
