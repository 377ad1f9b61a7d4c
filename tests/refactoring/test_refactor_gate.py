"""The refactor gate in fresh bwrap sandboxes: a true refactor passes with its evidence; behaviour-changing
"refactors" the existing suite does not catch are refused by the differential tests; uncovered code is refused
and becomes expand_tests work first."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from refactor_kit import BASE, NESTED, ORDERS, QUALITY, RefactorFleet

from agentfleet.contracts import Job, Patch, Refactor, Verdict
from agentfleet.core.diffs import unified_diff
from agentfleet.flow.delivery.report import job_markdown, title_for
from agentfleet.flow.fixers.stage import fix
from agentfleet.flow.fixers.tests.mutants import mutants_at
from agentfleet.flow.gate.stage import verify
from agentfleet.store import ledger, work

pytestmark = [pytest.mark.bwrap, pytest.mark.slow]

WEAK = """from shop.orders import shipping

CASES = [(12, True, "FR"), (3, True, "FR"), (3, False, "FR"), (3, False, "DE"), (-1, False, "FR"), (0, False, "FR")]


def test_shipping_runs():
    for args in CASES:
        cost = shipping(*args)
        assert cost is None or cost >= 0
"""
"""A suite that runs every line of ``shipping`` and checks almost nothing: mutants survive it."""


def _checks(job: Job) -> dict[str, tuple[bool, str]]:
    assert job.decision is not None
    return {c.name: (c.passed, c.evidence) for c in job.decision.checks}


def _fixed(fleet: RefactorFleet) -> Job:
    fleet.commit({"shop/orders.py": ORDERS + NESTED, "tests/test_orders.py": WEAK})
    [finding] = fleet.scan()
    job = fix(fleet.job(finding), fleet.ctx)
    assert job.patch is not None, job.no_fix
    return job


@pytest.mark.parametrize(
    "fleet_of",
    [pytest.param("bwrap", id="bwrap"), pytest.param("docker", marks=pytest.mark.docker, id="docker")],
    indirect=True,
)
def test_a_true_refactor_passes_with_coverage_differential_tests_and_api_evidence(
    fleet_of: Callable[..., RefactorFleet],
) -> None:
    # Given a nested function the fixer flattened
    fleet = fleet_of(BASE, quality=QUALITY, extra="trust.refactor = 4\n[repos.gate]\nlow_risk_max_lines = 200")
    assert fleet.scan() == []
    job = _fixed(fleet)
    # When the gate verifies the patch
    job = verify(job, fleet.ctx)
    # Then every behaviour check passed on its own measurements
    checks = _checks(job)
    for name in (
        "test_suite",
        "refactor_only",
        "metric_improves",
        "api_unchanged",
        "changed_lines_covered",
        "differential_tests",
    ):
        assert checks[name][0], (name, checks[name][1])
    assert "nesting of shop/orders.py::shipping: 5 → 1 (threshold 3)" in checks["metric_improves"][1]
    assert "changed executable line(s) at the base commit (100%" in checks["changed_lines_covered"][1]
    assert " pass on the refactored code" in checks["differential_tests"][1]
    # And codemods are not ruff's safe fixes alone: phase 4 still gives a PR for a human
    assert job.decision is not None
    assert job.decision.verdict is Verdict.PR
    assert any("more than ruff's safe fixes" in r for r in job.decision.reasons)
    assert "trust phase 4 (auto_merge) → pr" in job.decision.reasons
    assert not job.decision.low_risk
    body = job_markdown(job)
    for expected in (
        "## Refactor",
        "Behaviour evidence (measured by the gate)",
        "- metric_improves:",
        "- differential_tests:",
        "- api_unchanged:",
    ):
        assert expected in body
    assert title_for(job) == "[agentfleet] refactor: lower nesting of shop/orders.py::shipping (5 → 1)"


@pytest.mark.parametrize("operator", ["negation", "delete-statement"])
def test_a_behaviour_changing_refactor_the_suite_misses_is_refused_by_differential_tests(
    fleet_of: Callable[..., RefactorFleet], operator: str
) -> None:
    # Given the fixer's good refactor, made wrong by a repair template: a flipped condition or a dropped branch
    fleet = fleet_of(BASE, quality=QUALITY)
    assert fleet.scan() == []
    job = _fixed(fleet)
    item = job.item
    assert isinstance(item, Refactor)
    assert job.patch is not None
    base = fleet.path.joinpath("shop/orders.py").read_text()
    good = job.patch.diff
    refactored = _patched(base, good)
    lines = range(
        refactored.index("def shipping") and refactored[: refactored.index("def shipping")].count("\n") + 2,
        refactored.count("\n") + 1,
    )
    wrong = next(m for m in mutants_at(item.path, refactored, lines, 200) if m.operator == operator)
    patch = Patch(
        base_commit=item.base_commit,
        diff=unified_diff(item.path, base, wrong.source),
        files=(item.path,),
        author="test",
    )
    # When the gate verifies it
    job = verify(job.model_copy(update={"patch": patch}), fleet.ctx)
    # Then the suite still passes, but the differential tests recorded at the base commit catch the change
    checks = _checks(job)
    assert checks["test_suite"][0]
    assert checks["changed_lines_covered"][0]
    assert not checks["differential_tests"][0], checks["differential_tests"][1]
    assert "changed behaviour: " in checks["differential_tests"][1]
    assert job.decision is not None
    assert job.decision.verdict is Verdict.REJECT


FORGER = """

def _settle():
    import glob
    import json

    for path in glob.glob(".*coverage/report.json"):
        with open(path) as handle:
            report = json.load(handle)
        report["tests"] = dict.fromkeys(report["tests"], "passed")
        with open(path, "w") as handle:
            json.dump(report, handle)
"""
"""Code a patch could add: at exit, rewrite a test report written inside the sandbox to say every test passed."""


def test_a_behaviour_changing_refactor_that_rewrites_the_test_report_at_exit_is_refused(
    fleet_of: Callable[..., RefactorFleet],
) -> None:
    # Given a wrong refactor (a flipped condition) that, when called, arranges to rewrite any test report at exit,
    # at trust phase 3, where suspicious constructs are flagged for the reviewer rather than rejected
    fleet = fleet_of(BASE, quality=QUALITY, extra="trust.refactor = 3")
    assert fleet.scan() == []
    job = _fixed(fleet)
    item = job.item
    assert isinstance(item, Refactor)
    assert job.patch is not None
    base = fleet.path.joinpath("shop/orders.py").read_text()
    refactored = _patched(base, job.patch.diff)
    start = refactored[: refactored.index("def shipping")].count("\n") + 2
    wrong = next(
        m
        for m in mutants_at(item.path, refactored, range(start, refactored.count("\n") + 1), 200)
        if m.operator == "negation"
    ).source
    head = "def shipping(qty, express, country):\n"
    forged = wrong.replace(
        head, FORGER.lstrip("\n") + "\n\n" + head + "    import atexit\n\n    atexit.register(_settle)\n"
    )
    assert forged != wrong
    diff = unified_diff(item.path, base, forged)
    patch = Patch(base_commit=item.base_commit, diff=diff, files=(item.path,), author="test")
    # When the gate verifies it
    job = verify(job.model_copy(update={"patch": patch}), fleet.ctx)
    # Then the differential tests' outcomes come from the gate's own report, which the rewrite cannot reach
    checks = _checks(job)
    assert checks.get("test_suite", (False,))[0], {n: e for n, (ok, e) in checks.items() if not ok}
    assert "atexit" in checks["suspicious_constructs"][1]
    assert not checks["differential_tests"][0], checks["differential_tests"][1]
    assert "changed behaviour: " in checks["differential_tests"][1]
    assert job.decision is not None
    assert job.decision.verdict is Verdict.REJECT


def _patched(base: str, diff: str) -> str:
    from agentfleet.core.diffs import apply_to_files

    after = apply_to_files(diff, lambda _: base)
    return next(iter(after.values())) or ""


def test_changed_lines_no_test_runs_are_refused_and_filed_as_expand_tests_work_first(
    fleet_of: Callable[..., RefactorFleet],
) -> None:
    # Given a nested function no test calls, and the fixer's refactor of it
    fleet = fleet_of(BASE, quality=QUALITY)
    assert fleet.scan() == []
    fleet.commit({"shop/orders.py": ORDERS + NESTED})
    [finding] = fleet.scan()
    job = fix(fleet.job(finding), fleet.ctx)
    assert job.patch is not None, job.no_fix
    # When the gate verifies it
    job = verify(job, fleet.ctx)
    # Then it refuses: tests first
    checks = _checks(job)
    assert not checks["changed_lines_covered"][0]
    assert "runs 0/10 changed executable line(s)" in checks["changed_lines_covered"][1]
    assert "differential_tests" not in checks
    # And expand_tests work for those lines was filed through triage, held for the next monitor run, in the ledger
    [held] = [r for r in work.rows(fleet.ctx.store, repo="shop") if r.kind == "expand_tests"]
    assert held.state == "held"
    assert held.key.startswith("shop:expand_tests:coverage:shop/orders.py:shipping:")
    assert f"tests first: filed {held.key}" in checks["changed_lines_covered"][1]
    [row] = ledger.recent(fleet.ctx.store, stage="gate:tests-first", limit=1)
    assert row.key == job.key
    assert row.outputs["expand_tests"] == [held.key]


GENERATOR = """

def shipments(orders, express, country):
    for qty in orders:
        if qty:
            if qty > 0:
                if country == "FR":
                    if express:
                        yield 5
                    else:
                        yield 3
                else:
                    yield 20
"""
GENERATOR_TESTS = """from shop.orders import shipments


def test_shipments_run():
    for express in (True, False):
        for country in ("FR", "DE"):
            assert all(c >= 0 for c in shipments(ORDERS, express, country))
"""
"""A suite that runs every line of ``shipments`` and checks little; ``ORDERS`` is what it passes as orders."""


def _wrong_generator(fleet: RefactorFleet, orders: str, wrong: Callable[[str], str] | None = None) -> Job:
    """The fixer's flattening of ``shipments`` made ``wrong`` (by default in one branch: ``yield 3`` →
    ``yield 4``), verified."""
    fleet.commit(
        {"shop/orders.py": ORDERS + GENERATOR, "tests/test_orders.py": GENERATOR_TESTS.replace("ORDERS", orders)}
    )
    [finding] = fleet.scan()
    job = fix(fleet.job(finding), fleet.ctx)
    assert job.patch is not None, job.no_fix
    item = job.item
    assert isinstance(item, Refactor)
    base = fleet.path.joinpath("shop/orders.py").read_text()
    refactored = _patched(base, job.patch.diff)
    wrong = (wrong or (lambda text: text.replace("yield 3", "yield 4")))(refactored)
    patch = Patch(base_commit=item.base_commit, diff=unified_diff(item.path, base, wrong), author="test")
    return verify(job.model_copy(update={"patch": patch}), fleet.ctx)


def test_a_change_in_a_branch_only_the_suites_calls_reach_is_refused_by_replaying_them(
    fleet_of: Callable[..., RefactorFleet],
) -> None:
    # Given a nested generator whose suite runs every line but checks little, and the fixer's flattening of it
    # made wrong in the one branch (express=False with "FR") the writer's own calls never reach; the repo keeps
    # the default differential = "require"
    fleet = fleet_of(BASE, quality=QUALITY)
    assert fleet.scan() == []
    # When the gate verifies it
    job = _wrong_generator(fleet, "[12, 3, -1, 0]")
    # Then the suite passes and the lines are covered, but the gate recorded the suite's own calls at the base
    # commit and replayed them as differential tests: the changed yield is caught
    checks = _checks(job)
    assert checks["test_suite"][0]
    assert checks["changed_lines_covered"][0]
    assert not checks["differential_tests"][0], checks["differential_tests"][1]
    assert "changed behaviour: " in checks["differential_tests"][1]
    assert "replayed from the suite" in checks["differential_tests"][1]
    assert job.decision is not None
    assert job.decision.verdict is Verdict.REJECT


def test_changed_lines_no_differential_test_runs_are_not_taken_as_proven(
    fleet_of: Callable[..., RefactorFleet],
) -> None:
    # Given the same wrong flattening, in a repo whose differential tests must run every changed line, and a
    # suite that passes the generator an iterator: plain data only is recorded, so its calls cannot be replayed
    fleet = fleet_of(BASE, quality=QUALITY + '\ndifferential = "every_line"')
    assert fleet.scan() == []
    # When the gate verifies it
    job = _wrong_generator(fleet, "iter([12, 3, -1, 0])")
    # Then the suite passes and the lines are covered, but none of the differential tests the writer kept runs
    # the changed branch (its calls never meet express=False with "FR"): what it yields there was never
    # compared, and the patch is refused
    checks = _checks(job)
    assert checks["test_suite"][0]
    assert checks["changed_lines_covered"][0]
    assert not checks["differential_tests"][0], checks["differential_tests"][1]
    assert "no differential test runs shop/orders.py lines" in checks["differential_tests"][1]
    assert "replayed from the suite" not in checks["differential_tests"][1]
    assert job.decision is not None
    assert job.decision.verdict is Verdict.REJECT


def test_a_refactor_that_changes_the_callers_list_is_refused(fleet_of: Callable[..., RefactorFleet]) -> None:
    # Given the flattened generator made to leave a mark in the list it is given once it is done: every value it
    # yields is unchanged, and the suite checks only those
    fleet = fleet_of(BASE, quality=QUALITY)
    assert fleet.scan() == []

    def marks_orders(text: str) -> str:
        assert text.rstrip().endswith("yield 20"), text
        return text.rstrip() + "\n    if isinstance(orders, list):\n        orders.append(0)\n"

    # When the gate verifies it
    job = _wrong_generator(fleet, "[12, 3, -1, 0]", marks_orders)
    # Then the differential tests, which check what each call left in its list arguments, refuse it
    checks = _checks(job)
    assert checks["test_suite"][0]
    assert not checks["differential_tests"][0], checks["differential_tests"][1]
    assert "changed behaviour: " in checks["differential_tests"][1]
    assert job.decision is not None
    assert job.decision.verdict is Verdict.REJECT


BOX = """

class Box:
    def __init__(self, size):
        self._size = size

    @property
    def size(self):
        return self._size

    @size.setter
    def size(self, value):
        self._size = max(0, value)
"""
"""A property with a setter: two functions of one qualified name, neither of which a refactor elsewhere changes."""


def test_a_property_with_a_setter_is_not_taken_for_a_changed_function(fleet_of: Callable[..., RefactorFleet]) -> None:
    # Given a module with a property and its setter (semver's Version.major) beside the function refactored
    fleet = fleet_of(BASE, quality=QUALITY)
    assert fleet.scan() == []
    fleet.commit({"shop/orders.py": ORDERS + NESTED + BOX, "tests/test_orders.py": WEAK})
    [finding] = fleet.scan()
    job = fix(fleet.job(finding), fleet.ctx)
    assert job.patch is not None, job.no_fix
    # When the gate verifies the patch, which leaves Box alone
    job = verify(job, fleet.ctx)
    # Then Box.size is no changed function asking for differential tests
    passed, evidence = _checks(job)["differential_tests"]
    assert "Box.size" not in evidence
    assert passed, evidence
