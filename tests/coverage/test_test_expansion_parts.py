"""The pure parts of test expansion: scrubbing, naming, placement, gaps, call plans, mutants, the baseline."""

from __future__ import annotations

import ast
from pathlib import Path

from coverage_kit import PRICING, SHIPPING

from agentfleet.analysis.functions import functions_in, owner_of
from agentfleet.contracts import CoverageEvidence, Finding, FindingKind
from agentfleet.core.context import Context
from agentfleet.flow.fixers.tests.calls import plan_calls
from agentfleet.flow.fixers.tests.candidates import Candidate, split
from agentfleet.flow.fixers.tests.generate import Pool
from agentfleet.flow.fixers.tests.mutants import mutants_at
from agentfleet.flow.fixers.tests.placement import test_path as place
from agentfleet.flow.fixers.tests.writer import compose, used_imports
from agentfleet.flow.gate.checks.expand_tests import low_risk, new_tests
from agentfleet.flow.gate.config import GateConfig
from agentfleet.flow.gate.diffview import DiffView
from agentfleet.flow.monitors.coverage.audits import baseline, propose
from agentfleet.flow.monitors.coverage.findings import finding_for, gaps_in
from agentfleet.flow.monitors.coverage.measure import FileCoverage, pytest_args
from agentfleet.flow.monitors.describe import describe
from agentfleet.store import findings

PYNGUIN_OUTPUT = """import pytest
import sys
import shop.pricing
pricing_ = sys.modules["shop.pricing"]


def test_0():
    var_0 = pricing_.shipping(weight=3.0)
    assert var_0 == pytest.approx(5.75, abs=0.01, rel=0.01)
    assert f"{var_0!r}" != "<object at 0x7f3a2b1c>"


@pytest.mark.xfail(strict=True)
def test_1():
    pricing_.shipping(weight={})


def test_2():
    import time
    var_0 = time.time()
    assert pricing_.shipping(weight=var_0) > 0
"""


def test_generated_tests_lose_what_changes_between_runs() -> None:
    # Given a file as Pynguin writes one
    found = split(PYNGUIN_OUTPUT, "pynguin")
    # Then the sys.modules idiom is an import, xfail and time-dependent tests are dropped, address asserts removed
    assert "import shop.pricing as pricing_" in found.imports
    assert [t.name for t in found.tests] == ["test_0"]
    assert "0x7f3a" not in found.tests[0].source
    assert "approx(5.75" in found.tests[0].source
    assert "xfail" in found.dropped["test_1"]
    assert "'time.'" in found.dropped["test_2"]


def test_the_file_is_named_merged_and_imports_once() -> None:
    # Given two candidates and an existing test file
    found = split(PYNGUIN_OUTPUT, "pynguin")
    existing = (
        '"""Pricing tests."""\n\nfrom shop.pricing import total\n\n\n'
        "def test_total():\n    assert total([1.0]) == 1.0\n"
    )
    # When composed into it and into a new file
    merged = compose(existing, found.imports, [("test_shipping_returns_5_75", found.tests[0])])
    fresh = compose(None, found.imports, [("test_shipping_returns_5_75", found.tests[0])])
    # Then the old file's lines are kept, the new imports join its import block and the test goes at the end
    assert merged.startswith('"""Pricing tests."""\n\nfrom shop.pricing import total\nimport pytest\n')
    assert merged.startswith(existing.partition("\n\n\n")[0])  # the old lines stay as they were: the diff only adds
    assert "def test_total():\n    assert total([1.0]) == 1.0\n" in merged
    assert merged.rstrip().endswith("assert var_0 == pytest.approx(5.75, abs=0.01, rel=0.01)")
    assert "import sys" not in merged
    assert "import shop.pricing\n" not in merged
    assert fresh.count("import pytest") == 1
    assert "agentfleet" in fresh.splitlines()[0]
    ast.parse(merged)
    assert used_imports(["import os", "import shop.pricing as p"], ["p.total(1)"]) == ["import shop.pricing as p"]


def test_a_name_the_file_already_imports_is_not_imported_again() -> None:
    # Given a test file importing the module's names in one parenthesised import (schema's test_schema.py)
    existing = "from shop.pricing import (\n    shipping,\n    total,\n)\n\n\n"
    existing += "def test_total():\n    assert total([1.0]) == 1.0\n"
    test = Candidate("t", "def t():\n    assert shipping(1.0) == 4.5\n", "characterise")
    # When a test using `shipping` is composed into it
    merged = compose(existing, ["from shop.pricing import shipping"], [("test_shipping_returns_4_5", test)])
    # Then the import it already has is not added again
    assert merged.count("shipping,") == 1
    assert "from shop.pricing import shipping" not in merged
    assert merged.startswith(existing.rstrip("\n"))


def test_a_name_from_a_module_the_file_imports_one_name_a_line_goes_in_its_sorted_place() -> None:
    # Given a test file importing one name a line, sorted (tomlkit's tests/test_items.py)
    head = "import pytest\n\nfrom shop.pricing import Cart\nfrom shop.pricing import total\nfrom shop.tax import rate\n"
    existing = head + "\n\ndef test_total():\n    assert total([1.0]) == 1.0\n"
    test = Candidate("t", "def t():\n    assert shipping(1.0) == 4.5\n", "characterise")
    # When a test using `shipping`, from shop.pricing too, is composed into it
    merged = compose(existing, ["from shop.pricing import shipping"], [("test_shipping_returns_4_5", test)])
    # Then its import goes among that module's imports, in order, not after the file's last import
    assert merged.startswith(head.replace("import total\n", "import shipping\nfrom shop.pricing import total\n"))


def test_tests_go_beside_the_repo_s_own() -> None:
    files = ["shop/pricing.py", "tests/test_cart.py", "tests/unit/test_x.py", "tests/test_pricing.py"]
    sources = {"tests/test_pricing.py": "from shop.pricing import total\n"}
    assert place(files, "shop/pricing.py", sources) == "tests/test_pricing.py"
    assert place(files, "shop/tax.py", sources) == "tests/test_tax.py"
    assert place(["shop/tax.py"], "shop/tax.py", {}) == "tests/test_tax.py"
    other = {"tests/test_pricing.py": "from billing.pricing import rate\n"}
    assert place(files, "shop/pricing.py", other) == "tests/test_shop_pricing.py"


def _coverage(executed: set[int], missing: set[int], taken: set[tuple[int, int]], untaken: set[tuple[int, int]]):  # type: ignore[no-untyped-def]
    return FileCoverage(executed=executed, missing=missing, taken=taken, untaken=untaken)


def test_gaps_are_per_function_and_counted_like_diff_cover() -> None:
    source = PRICING + SHIPPING
    cov = _coverage({1, 2, 3, 6}, {7, 8, 9, 10, 11, 12}, set(), {(7, 8), (7, 9), (10, 11), (10, 12)})
    # A change to the shipping body is a gap; a covered change to total is not
    [gap] = gaps_in("shop/pricing.py", source, cov, {2, 9, 10, 11}, 0.8, None)
    assert (gap.function.qualname, gap.lines, gap.branches) == ("shipping", (9, 10, 11), ((10, 11), (10, 12)))
    assert gap.covered == 0
    assert gap.total == 5
    # Reported under the threshold only: 2 of 3 lines and 1 of 2 branches run is 60%
    partly = _coverage({1, 2, 3, 6, 7, 9}, {8}, {(7, 9)}, {(7, 8)})
    assert gaps_in("shop/pricing.py", source, partly, {7, 8, 9}, 0.8, None)[0].share == 0.6
    assert gaps_in("shop/pricing.py", source, partly, {7, 8, 9}, 0.6, None) == []
    finding = finding_for(gap, "shop", "a" * 40, "b" * 40)
    assert finding.fingerprint == f"coverage:shop/pricing.py:shipping:{gap.function.source_hash}"
    # And a dry run shows the place, the share run and what is not, not a fingerprint cut mid-hash
    table = describe([finding])
    assert "shop/pricing.py::shipping" in table
    assert "0/5 run (0%)" in table
    assert "lines 9-11, branches 10->11, 10->12" in table
    assert gap.function.source_hash[:4] not in table


def test_functions_and_methods_own_their_lines() -> None:
    source = (
        "class A:\n    def f(self):\n        def inner():\n            return 1\n        return inner()\n\n\n"
        "def g():\n    return 2\n"
    )
    spans = functions_in(source)
    assert [s.qualname for s in spans] == ["A.f", "g"]
    assert owner_of(spans, 4).qualname == "A.f"  # type: ignore[union-attr]
    assert owner_of(spans, 9).qualname == "g"  # type: ignore[union-attr]
    assert owner_of(spans, 1) is None


def test_calls_come_from_test_literals_type_hints_defaults_and_constants() -> None:
    calls = plan_calls(PRICING + SHIPPING, "shipping", ["assert shipping(3.5) == 6.38\n"], 50)
    args = [c.args for c in calls]
    assert ("7.0",) in args
    assert ("4.5",) in args
    assert ("7.0", "True") in args  # the optional flag flipped
    assert ("2",) in args
    assert ("1.25",) in args
    method = plan_calls(
        "class S:\n    def __init__(self, n: int):\n        self.n = n\n\n    def pop(self):\n        return self.n\n",
        "S.pop",
        [],
        5,
    )
    assert method[0].init == ("0",)
    assert method[0].args == ()
    assert plan_calls("def f(*, key):\n    return key\n", "f", [], 5) == []


def test_mutants_come_from_the_repair_templates_on_the_target_lines_only() -> None:
    source = PRICING + SHIPPING
    mutants = mutants_at("shop/pricing.py", source, [7, 10], 12)
    assert len(mutants) == 12
    assert {m.line for m in mutants} == {7, 10}
    assert all(m.source != source for m in mutants)
    assert any("weight < 0" in m.source or "weight > 0" in m.source for m in mutants)
    for mutant in mutants:
        changed = [
            i + 1
            for i, (a, b) in enumerate(zip(source.splitlines(), mutant.source.splitlines(), strict=False))
            if a != b
        ]
        assert changed
        assert set(changed) <= {7, 8, 10, 11}


def test_the_gate_s_pure_rules() -> None:
    added = DiffView.of({}, {"tests/test_x.py": "def test_a():\n    assert True\n\n\ndef helper():\n    pass\n"})
    assert new_tests(added, ["tests/test_x.py::test_a", "tests/test_other.py::test_a"]) == ["tests/test_x.py::test_a"]
    assert low_risk(added, GateConfig(), []) == (True, [])
    code = DiffView.of({"shop/x.py": "a = 1\n"}, {"shop/x.py": "a = 2\n"})
    ok, why = low_risk(code, GateConfig(), [])
    assert not ok
    assert "not a test file: shop/x.py" in why
    assert pytest_args("python -m pytest -q tests/unit") == ["-q", "tests/unit"]
    assert pytest_args("make test") == []
    assert pytest_args("py.test --basetemp=/tmp/x tests") == ["--basetemp=/tmp/x", "tests"]


def test_the_baseline_moves_only_once_what_an_audit_reported_is_recorded(ctx: Context, tmp_path: Path) -> None:
    # Given an audit at commit c2 that reported one finding (a dry run records nothing)
    propose(ctx.store, "shop", "c1")
    assert baseline(ctx.store, "shop") == "c1"
    propose(ctx.store, "shop", "c2", ["coverage:x"])
    # Then the baseline stays until triage recorded the finding
    assert baseline(ctx.store, "shop") == "c1"
    evidence = CoverageEvidence(path="x.py", lines=(1,), function="f")
    finding = Finding(kind=FindingKind.COVERAGE, repo="shop", fingerprint="coverage:x", title="t", evidence=evidence)
    findings.record(ctx.store, finding, run_id="r")
    assert baseline(ctx.store, "shop") == "c2"
    # And an audit that reported only part of what it found leaves the baseline where it was
    propose(ctx.store, "shop", None, ["coverage:y"])
    assert baseline(ctx.store, "shop") == "c2"


def test_candidates_are_made_ruff_clean_or_dropped() -> None:
    # Given generated tests with an unused variable, a lambda assignment and an undefined name
    source = (
        "import shop.pricing as p\n\n\ndef test_0():\n    var_0 = 3\n    var_1 = lambda x: x\n"
        "    assert p.total([var_1(1.0)]) == 1.0\n\n\ndef test_1():\n    assert p.total([missing]) == 1.0\n"
    )
    pool = Pool()
    pool.add(split(source, "pynguin"))
    # When linted with the gate's rules
    pool.lint(["E4", "E7", "E9", "F"])
    # Then what ruff can fix is fixed, and what it cannot is dropped with the rule
    [kept] = pool.tests.values()
    assert "var_0" not in kept.source
    assert "def var_1(x)" in kept.source
    assert pool.dropped == {"pynguin test_1": "ruff F821"}


def test_calls_stay_valid_when_the_tests_call_with_keywords_or_optional_arguments() -> None:
    # Given a function with an optional positional flag whose tests pass it by keyword and by position
    source = "def fee(weight: float, express: bool = False):\n    return weight * (2 if express else 1)\n"
    tests = ["assert fee(2.0, express=True) == 4.0\nassert fee(1.0, True) == 2.0\n"]
    # When calls are planned
    calls = plan_calls(source, "fee", tests, 50)
    # Then every call is valid source (no positional argument after a keyword) and the flag still gets flipped
    for call in calls:
        compile(f"fee({', '.join(call.args)})", "call", "eval")
    assert ("1.0", "True") in [c.args for c in calls]


def test_container_literals_reach_collection_parameters_in_a_suite_full_of_scalars() -> None:
    # Given tests with many scalar literals before the few lists they also use (a real suite's proportions)
    scalars = "\n".join(f"    assert fmt({i}, 'w{i}') == 'x{i}'" for i in range(60))
    tests = f"def test_fmt():\n{scalars}\n\n\ndef test_join():\n    assert join(['a', 'b']) == 'a and b'\n"
    source = "def join(items: list[str]) -> str:\n    return ' and '.join(items)\n"
    # When calls are planned for a function of a list
    calls = plan_calls(source, "join", [tests], 120)
    # Then the tests' list is among the arguments
    assert ("['a', 'b']",) in [c.args for c in calls]


def test_a_parameter_whose_type_is_checked_gets_a_value_of_that_type() -> None:
    # Given functions branching on their argument's type (jmespath's _is_actual_number) and a suite of strings only
    source = (
        "from numbers import Number\n\n\ndef is_number(x):\n    if isinstance(x, bool):\n        return False\n"
        "    return isinstance(x, Number)\n\n\ndef kind(x):\n    if type(x) is dict:\n        return 'map'\n"
        "    return isinstance(x, (list, tuple)) and 'seq'\n"
    )
    tests = ["def test_parse():\n    assert parse('a.b') == 'ab'\n"]
    # When calls are planned
    number = {c.args for c in plan_calls(source, "is_number", tests, 50)}
    kind = {c.args for c in plan_calls(source, "kind", tests, 50)}
    # Then a bool and a number reach is_number, and a dict and a list reach kind
    assert {("True",), ("1",)} <= number
    assert ("{'a': 1}",) in kind
    assert ("[1]",) in kind


def test_typing_annotations_admit_the_values_they_name() -> None:
    # Given a class built from `SupportsInt` numbers (semver's Version) and a function of `Optional[str]`
    source = (
        "from typing import Optional, SupportsInt, Union\n\n\nclass V:\n"
        "    def __init__(self, major: SupportsInt, label: Optional[Union[str, int]] = None):\n"
        "        self.major = int(major)\n\n    def bump(self):\n        return self.major + 1\n\n\n"
        "def shout(name: Optional[str]) -> str:\n    return (name or '').upper()\n"
    )
    tests = ["def test_v():\n    assert V.parse('1.2.3').bump() == 2\n"]
    # When calls are planned, then the instance is built from an int and the function gets the tests' string
    bump = plan_calls(source, "V.bump", tests, 20)
    assert bump
    assert bump[0].init is not None
    assert bump[0].init[0].isdigit()
    shout = {c.args for c in plan_calls(source, "shout", tests, 20)}
    assert {("None",), ("'1.2.3'",)} <= shout


def test_an_optional_parameter_checked_against_none_is_passed_none() -> None:
    # Given a parameter with a string default that the function checks against None (semver's bump_build token)
    source = (
        "from typing import Optional\n\n\ndef bump(build: str, token: Optional[str] = 'build', tags: list = []):\n"
        "    if token is None:\n        return build + '.0'\n    return build + token + str(len(tags))\n"
    )
    # When calls are planned with a suite holding a list literal
    calls = {
        c.args for c in plan_calls(source, "bump", ["def test_b():\n    assert bump('x', 'y', [1]) == 'xy1'\n"], 60)
    }
    # Then None reaches `token`
    assert any(len(a) >= 2 and a[1] == "None" for a in calls)


def test_a_module_the_file_imports_by_its_name_is_not_imported_again_under_an_alias() -> None:
    # Given a test file with `import shop.pricing` (tenacity's test_tenacity.py: `import tenacity`)
    existing = "import shop.pricing\n\n\ndef test_total():\n    assert shop.pricing.total([1.0]) == 1.0\n"
    test = Candidate("t", "def t():\n    var_0 = pricing_.shipping(3.0)\n    assert var_0 == 5.75\n", "pynguin")
    # When a Pynguin test reaching the module through its own alias is composed into it
    merged = compose(existing, ["import shop.pricing as pricing_"], [("test_shipping_returns_5_75", test)])
    # Then it uses the file's name for the module, and no second import of it is added
    assert "pricing_" not in merged
    assert merged.count("import shop.pricing") == 1
    assert "var_0 = shop.pricing.shipping(3.0)" in merged


def test_an_assertion_on_a_module_global_is_not_the_call_s_behaviour() -> None:
    # Given a Pynguin test asserting a module-level value beside the call's result (tenacity's
    # `assert tenacity_.dataclass_kwargs == {"slots": True}`, true on Python 3.10 and later only)
    source = "import shop.pricing as pricing_\n\n\ndef test_0():\n    var_0 = pricing_.shipping(3.0)\n"
    source += "    assert pricing_.RATES == {'slots': True}\n    assert var_0 == 5.75\n"
    # When split into candidates
    [test] = split(source, "pynguin").tests
    # Then that assertion is gone and the result's stays
    assert "RATES" not in test.source
    assert "assert var_0 == 5.75" in test.source


def test_a_dunder_method_called_by_name_is_written_as_its_builtin() -> None:
    # Given tests calling dunder methods by name (Pynguin's `var_14.__str__()`; the writer's `obj.__repr__()`)
    body = "def t():\n    obj = Cart()\n    assert obj.__repr__() == 'Cart()'\n    assert obj.__len__() == 0\n"
    body += "    assert obj.__str__() == 'Cart()'\n    assert obj.__format__('') == 'Cart()'\n"
    test = Candidate("t", body, "pynguin")
    # When composed into a test file
    merged = compose(None, ["from shop.pricing import Cart"], [("test_cart_repr_returns_cart", test)])
    # Then they read as a reviewer writes them; a dunder with no one-argument builtin stays as it is
    assert "assert repr(obj) == 'Cart()'" in merged.replace('"', "'")
    assert "assert len(obj) == 0" in merged
    assert "assert str(obj) == 'Cart()'" in merged.replace('"', "'")
    assert "obj.__format__('')" in merged.replace('"', "'")
