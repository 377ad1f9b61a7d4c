"""Edits that write redundant code rank after plain ones: a condition repeating one of its own clauses or
with one that follows from the others, a call passed the same variable twice, an ``if`` whose branches are
the same (``oddities``)."""

from __future__ import annotations

import ast

import pytest

from agentfleet.flow.fixers.repair.candidates import Candidate
from agentfleet.flow.fixers.repair.implied import has_implied_clause
from agentfleet.flow.fixers.repair.oddities import added_oddities
from agentfleet.flow.fixers.repair.rank import rank
from agentfleet.flow.fixers.repair.spectrum import Spectrum


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # a clause repeated further along the condition, not only next to itself
        ("ok = a > 0 and b != 0 and c == 0\n", "ok = a > 0 and b != 0 and a > 0\n"),
        # a clause that follows from another one (every year not a multiple of 100 is not one of 400)
        ("ok = y % 4 == 0 and y % 100 != 0 and y % 400 == 0\n", "ok = y % 4 == 0 and y % 100 != 0 and y % 400 != 0\n"),
        ("ok = x < 0 or x > 9\n", "ok = x < 0 or x < 9\n"),
        # a rename that hands a call the same variable twice
        ("r = move(n, src, dst, via)\n", "r = move(n, src, via, via)\n"),
        # both branches of an if statement the same
        ("if x:\n    y = 1\nelse:\n    y = 2\n", "if x:\n    y = 1\nelse:\n    y = 1\n"),
        # the loop's own variable moved as the body's last step: the next iteration rebinds it (blind8's 238,
        # where `write += 1` -> `read += 1` ranked above deleting the extra `write += 1`)
        ("for i in xs:\n    f(i)\n    n += 1\n", "for i in xs:\n    f(i)\n    i += 1\n"),
        ("for i in xs:\n    f(i)\n    n = i\n", "for i in xs:\n    f(i)\n    i = n\n"),
    ],
)
def test_redundant_forms_count_as_odd(before: str, after: str) -> None:
    assert added_oddities([(before, after)]) == 1


@pytest.mark.parametrize(
    "text",
    [
        "ok = a > 0 and b != 0 and c == 0\n",
        "ok = y % 4 == 0 and y % 100 != 0 or y % 400 == 0\n",
        "ok = x % 0 == 0 and x > 2\n",  # an error on evaluation: left alone
        "r = move(n, src, dst, via)\n",
        "r = pair(x[0], x[0])\n",  # the same expression twice but no bare variable: left alone
        "if x:\n    y = 1\nelse:\n    y = 2\n",
        "for i in xs:\n    i += 1\n    f(i)\n",  # moved, then read: left alone
        "while i < n:\n    f(i)\n    i += 1\n",
    ],
)
def test_plain_forms_are_not_odd(text: str) -> None:
    assert added_oddities([("", text)]) == 0


def test_a_clause_repeated_by_a_constant_edit_ranks_below_an_operator_edit() -> None:
    # Given two plausible patches of a leap-year condition at the same line: a constant edit that repeats
    # the first clause (ranked ahead by reusing the file's code) and a tier-1 boolean-operator edit
    before = "def leap(y):\n    return y % 4 == 0 and y % 100 != 0 and y % 400 == 0\n"
    repeat = Candidate(1, "m.py", 2, 0, "constant", 2, before.replace("y % 400", "y % 4"))
    plain = Candidate(2, "m.py", 2, 0, "boolean-operator", 1, before.replace("!= 0 and", "!= 0 or"))
    spectrum = Spectrum(outcomes={"t.py::t": "passed"}, lines=None)
    # When they are ranked
    ranked = rank([repeat, plain], {"m.py": before}, spectrum)
    # Then the plain one leads
    assert [r.candidate.id for r in ranked] == [2, 1]


def test_a_clause_made_to_follow_from_another_ranks_below_an_operator_edit() -> None:
    # Given two tier-1 patches of a leap-year condition: a smaller comparison edit after which the last clause
    # follows from the second, and a larger boolean-operator edit
    before = "def leap(y):\n    return y % 4 == 0 and y % 100 != 0 and y % 400 == 0\n"
    implied = Candidate(1, "m.py", 2, 0, "comparison-operator", 1, before.replace("400 ==", "400 !="))
    plain = Candidate(2, "m.py", 2, 0, "boolean-operator", 1, before.replace("!= 0 and", "!= 0 or"))
    spectrum = Spectrum(outcomes={"t.py::t": "passed"}, lines=None)
    # When they are ranked
    ranked = rank([implied, plain], {"m.py": before}, spectrum)
    # Then the plain one leads
    assert [r.candidate.id for r in ranked] == [2, 1]


@pytest.mark.parametrize("text", ["n != 1 and n not in n", "n > 0 or n in n", "n is n or n > 2"])
def test_membership_and_identity_clauses_are_not_evaluated_as_integer_arithmetic(text: str) -> None:
    # `n not in n` on an integer raised TypeError, and the error took a whole repair down (blind8's 228)
    condition = ast.parse(text, mode="eval").body
    assert isinstance(condition, ast.BoolOp)
    assert has_implied_clause(condition) is False
