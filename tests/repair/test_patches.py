"""What the engine hands over: diffs git applies, regression-test calls built from the tests' own literals."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from agentfleet.core.diffs import new_file_diff, unified_diff
from agentfleet.flow.fixers.repair.candidates import Candidate
from agentfleet.flow.fixers.repair.rank import edit_size, rank
from agentfleet.flow.fixers.repair.seeds import Param, argument_lists, parameters
from agentfleet.flow.fixers.repair.spectrum import Spectrum


def test_diffs_apply_with_git_even_without_a_final_newline(make_git_repo: Callable[..., Path]) -> None:
    # Given a repo whose file has no final newline
    repo = make_git_repo({"calc.py": "def half(n):\n    return n / 3"})
    # When the engine's diffs change that last line and add a test file
    diff = unified_diff("calc.py", "def half(n):\n    return n / 3", "def half(n):\n    return n / 2") + new_file_diff(
        "tests/test_regression_half.py", "from calc import half\n\n\ndef test_half():\n    half(4)\n"
    )
    done = subprocess.run(["git", "apply", "-"], cwd=repo, input=diff, text=True, capture_output=True)
    # Then git applies them and the files read exactly as intended
    assert done.returncode == 0, done.stderr
    assert (repo / "calc.py").read_text() == "def half(n):\n    return n / 2"
    assert (repo / "tests/test_regression_half.py").read_text().endswith("    half(4)\n")


def test_edit_size_counts_changed_characters() -> None:
    assert edit_size("a < b", "a <= b") == 1
    assert edit_size("x = len(xs)", "x = len(xs) - 1") == 4


def test_calls_to_try_start_from_the_tests_literals_pushed_outward() -> None:
    source = "def bulk_discount(quantity: int, code: str = 'x'):\n    return quantity\n"
    tests = ["assert bulk_discount(45) == 1\nassert bulk_discount(9) == 0\nbulk_discount(n)\n"]
    params = parameters(source, "bulk_discount")
    calls = argument_lists(tests, "bulk_discount", params or [])
    assert params == [Param("quantity", "int"), Param("code", "str", "'x'")]
    assert calls[:3] == [["90"], ["450"], ["55"]]
    assert ["1000000"] in calls
    assert parameters(source, "missing") is None


def test_plain_rewrites_rank_above_no_op_looking_ones() -> None:
    # Given two plausible patches at the same line and tier: a larger plain one, a smaller odd one
    before = "def f(x, y):\n    return x + y\n"
    odd = Candidate(1, "m.py", 2, 0, "negation", 1, "def f(x, y):\n    return --x + y\n")
    plain = Candidate(2, "m.py", 2, 0, "arithmetic-operator", 1, "def f(x, y):\n    return abs(x) + y\n")
    spectrum = Spectrum(outcomes={"t.py::t": "passed"}, lines=None)
    # When they are ranked
    ranked = rank([odd, plain], {"m.py": before}, spectrum)
    # Then the plain one leads
    assert [r.candidate.id for r in ranked] == [2, 1]


def test_a_function_with_no_required_parameter_gets_the_bare_call_then_keyword_calls() -> None:
    # Given a function whose parameters all have defaults (one keyword-only)
    source = "def report(limit: int = 10, *, verbose: bool = False, title=None):\n    return limit\n"
    params = parameters(source, "report")
    # When the calls to try are listed
    calls = argument_lists([], "report", params or [])
    # Then the bare call comes first, then calls that set one keyword parameter at a time
    assert calls[0] == []
    assert ["verbose=True"] in calls
    assert ["limit=0"] in calls
    assert any(call and call[0].startswith("title=") for call in calls)


def test_calls_in_the_tests_with_keywords_are_seeds_too() -> None:
    source = "def page(items: list, number: int = 1):\n    return items\n"
    calls = argument_lists(["page([1, 2], number=3)\n"], "page", parameters(source, "page") or [])
    assert ["[1, 2]", "number=6"] in calls


def test_a_patch_built_from_an_expression_the_file_has_ranks_above_an_invented_one() -> None:
    # Given two plausible patches of one relaxation step: a tier-1 index shift that writes a new expression,
    # and a tier-2 variable swap that writes the expression the condition above already computes
    before = "def relax(d, u, v, w):\n    if d[u] + w < d[v]:\n        d[v] = d[v] + w\n"
    shifted = Candidate(1, "m.py", 3, 0, "boundary", 1, before.replace("= d[v] + w", "= d[v - 1] + w"))
    reused = Candidate(2, "m.py", 3, 0, "wrong-variable", 2, before.replace("= d[v] + w", "= d[u] + w"))
    spectrum = Spectrum(outcomes={"t.py::t": "passed"}, lines=None)
    # When they are ranked
    ranked = rank([shifted, reused], {"m.py": before}, spectrum)
    # Then the reuse leads; names alone (a wrong variable that only reuses ``v``) do not count as reuse
    assert [r.candidate.id for r in ranked] == [2, 1]
    renamed = rank(
        [Candidate(3, "m.py", 3, 0, "wrong-variable", 2, before.replace("+ w\n", "+ u\n"))], {"m.py": before}, spectrum
    )
    assert not renamed[0].reuse


def test_on_one_line_a_reusing_edit_of_its_own_tier_ranks_above_one_promoted_by_reuse() -> None:
    # Given two plausible patches of one DP cell that both write the file's ``j - 1``: the tier-1 index shift
    # and a tier-2 renaming (i -> j) that is shorter but only reuses by accident
    before = "def cell(dp, a, b, i, j):\n    if a[i - 1] == b[j - 1]:\n        dp[i][j] = dp[i - 1][j] + 1\n"
    shifted = Candidate(1, "m.py", 3, 0, "boundary", 1, before.replace("dp[i - 1][j] + 1", "dp[i - 1][j - 1] + 1"))
    renamed = Candidate(2, "m.py", 3, 0, "wrong-variable", 2, before.replace("dp[i - 1][j] + 1", "dp[j - 1][j] + 1"))
    spectrum = Spectrum(outcomes={"t.py::t": "passed"}, lines=None)
    # When they are ranked
    ranked = rank([renamed, shifted], {"m.py": before}, spectrum)
    # Then the edit of its own tier leads though it changes more characters (a rename that lands on ``j - 1``,
    # one variable and a constant, is no reuse at all)
    assert [r.reuse for r in ranked] == [True, False]
    assert [r.candidate.id for r in ranked] == [1, 2]


def test_a_rename_that_lands_on_a_one_variable_expression_is_no_reuse() -> None:
    # Given a recursion that drops the first character from one string only, and two plausible patches:
    # a rename a -> b that writes the file's b[1:] (shorter) and a slice that writes the same b[1:] in place
    before = "def lcs(a, b):\n    if a[0] == b[0]:\n        return a[0] + lcs(a[1:], b)\n    return lcs(a, b[1:])\n"
    renamed = Candidate(1, "m.py", 3, 0, "wrong-variable", 2, before.replace("lcs(a[1:], b)", "lcs(b[1:], b)"))
    sliced = Candidate(2, "m.py", 3, 0, "slice-index", 2, before.replace("lcs(a[1:], b)", "lcs(a[1:], b[1:])"))
    spectrum = Spectrum(outcomes={"t.py::t": "passed"}, lines=None)
    # When they are ranked
    ranked = rank([renamed, sliced], {"m.py": before}, spectrum)
    # Then only the slice counts as reuse and leads; a rename still reuses an expression of two variables
    assert [(r.candidate.id, r.reuse) for r in ranked] == [(2, True), (1, False)]
    relax = "def relax(d, u, v, w):\n    if d[u] + w < d[v]:\n        d[v] = d[v] + w\n"
    swapped = Candidate(3, "m.py", 3, 0, "wrong-variable", 2, relax.replace("= d[v] + w", "= d[u] + w"))
    assert rank([swapped], {"m.py": relax}, spectrum)[0].reuse
