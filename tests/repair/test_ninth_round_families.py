"""Issue 18, ninth round: the families blind8's misses needed (each test fails without its change)."""

from __future__ import annotations

import textwrap

import pytest
from edits_kit import outcomes, tiers

from agentfleet.flow.fixers.repair.pairs import Pairs
from agentfleet.flow.fixers.repair.source import Site, SourceFile
from agentfleet.flow.fixers.repair.templates import edits_at

REVERSE = """
def reverse_integer(n: int) -> int:
    sign = -1 if n < 0 else 1
    rest = n
    out = 0
    while rest:
        rest, digit = divmod(rest, 10)
        out = out * 10 + digit
    return sign * out
"""


def test_a_copy_of_a_number_whose_sign_is_handled_apart_gets_its_magnitude() -> None:
    # Given a function that takes n's sign apart and copies n whole into the value it takes digits off
    # Then the copy gets abs(n) at tier 1, and a call passed n whole gets it at tier 2
    assert tiers(REVERSE, 4)["rest = abs(n)"] == 1
    called = REVERSE.replace("rest = n", "rest = int(n)")
    assert tiers(called, 4)["rest = int(abs(n))"] == 2


def test_no_magnitude_where_the_function_never_looks_at_the_sign() -> None:
    # Given the same copy in a function that never compares n with 0
    plain = REVERSE.replace("-1 if n < 0 else 1", "1")
    # Then no abs is written there
    assert "rest = abs(n)" not in tiers(plain, 4)


DRAWDOWN = """
def max_drawdown(prices):
    peak = prices[0]
    worst = 0
    for x in prices:
        peak = min(peak, x)
        worst = max(worst, x - peak)
    return worst
"""


def test_an_operand_swap_pairs_with_a_tier_one_edit() -> None:
    # Given the tier-1 min -> max at one line and the tier-2 operand swap x - peak -> peak - x at the next (the two
    # edits blind8's 237 needs), each of which alone changed how the failing test fails
    src = SourceFile("m.py", textwrap.dedent(DRAWDOWN))
    wanted = {(6, "peak = max(peak, x)"), (7, "worst = max(worst, peak - x)")}
    pairs = Pairs(10)
    ids = 0
    for line in (6, 7):
        for edit in edits_at(Site(src, line)):
            if (line, src.apply(edit).splitlines()[line - 1].strip()) in wanted:
                ids += 1
                pairs.offer(ids, src, edit, line - 6, line)
                pairs.record(ids, changed=True)
    # Then the two are tried together
    pair = pairs.take()
    assert pair is not None
    assert "peak = max(peak, x)" in src.rewrite(list(pair.edits)).text
    assert "worst = max(worst, peak - x)" in src.rewrite(list(pair.edits)).text


DIGITAL_ROOT = """
def digital_root(n: int) -> int:
    return digital_root(sum(int(d) for d in str(n)))
"""


@pytest.mark.parametrize(
    ("text", "guard"),
    [
        (DIGITAL_ROOT, "if n < 10:\n        return n\n"),  # blind7's 219: a digit sum until one digit is left
        ("def digits(n):\n    return digits(n // 2) + [n % 2]\n", "if n < 2:\n        return n\n"),
    ],
)
def test_a_recursion_over_digits_gets_a_one_digit_base_case(text: str, guard: str) -> None:
    # Given a recursive function that takes its parameter apart in digits (str(n), n // b, n % b)
    # Then a base case for a single digit is among the base cases written
    assert any(guard in new for new in outcomes(text, 3 if text is DIGITAL_ROOT else 2, "base-case"))


HAPPY = """
def is_happy(n: int) -> bool:
    seen: set[int] = set()
    while n != 1 and n not in seen:
        n = sum(int(d) ** 2 for d in str(n))
    return n == 1
"""


def test_a_collection_bound_with_an_annotation_and_never_filled_gets_the_missing_add_at_tier_one() -> None:
    # Given a set bound with an annotation (`seen: set[int] = set()`) that a loop tests and nothing ever adds to
    # (blind8's 228: every number seen is forgotten, so an unhappy number cycles forever)
    src = SourceFile("m.py", textwrap.dedent(HAPPY))
    found = {src.apply(edit): edit.tier for edit in edits_at(Site(src, 5)) if edit.template == "membership-update"}
    # Then `seen.add(n)` is written before the line, at tier 1: a membership test of a collection nothing fills
    # answers the same whatever it is given, a narrow signal (like a count never moved)
    added = [tier for text, tier in found.items() if "        seen.add(n)\n        n = sum(" in text]
    assert added == [1]
