"""The coverage monitor on real repos in real sandboxes: diff coverage since the audited commit, per function."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable

import pytest
from coverage_kit import BASE, PRICING, SHIPPING, TESTS, CoverageFleet
from sqlalchemy import func, select
from support import NOT_SOURCE, make_repo

from agentfleet.contracts import CoverageEvidence
from agentfleet.flow.monitors.run import run_monitor, scan
from agentfleet.store import Store, ledger
from agentfleet.store.base import Base

pytestmark = [pytest.mark.bwrap, pytest.mark.slow]


def test_a_new_untested_function_is_one_finding_with_its_lines_and_branches(
    fleet_of: Callable[..., CoverageFleet],
) -> None:
    # Given a repo whose last commit adds a function no test calls
    fleet = fleet_of(BASE, coverage='since = "HEAD~1"')
    head = fleet.commit({"shop/pricing.py": PRICING + SHIPPING})
    # When the monitor audits from the previous commit
    [finding] = fleet.scan()
    # Then one finding names the function, its uncovered lines and every branch of them
    evidence = finding.evidence
    assert isinstance(evidence, CoverageEvidence)
    assert (evidence.path, evidence.function, evidence.covered) == ("shop/pricing.py", "shipping", 0)
    assert evidence.lines == (7, 8, 9, 10, 11, 12)
    assert evidence.branches == ((7, 8), (7, 9), (10, 11), (10, 12))
    assert evidence.span == (6, 12)
    assert finding.commit == head
    assert finding.fingerprint.startswith("coverage:shop/pricing.py:shipping:")


def test_the_first_audit_records_a_baseline_and_later_ones_count_from_it(
    fleet_of: Callable[..., CoverageFleet],
) -> None:
    # Given a repo with no `since`
    fleet = fleet_of(BASE)
    # When it is audited, then changed, then audited again (through triage, as beat does)
    _, first = run_monitor(fleet.ctx, "shop", "coverage", run_id="r1")
    fleet.commit({"shop/pricing.py": PRICING + SHIPPING})
    run, second = run_monitor(fleet.ctx, "shop", "coverage", run_id="r2")
    # Then the first reports nothing and the second reports the new function
    assert first.jobs == []
    assert [job.item.function for job in second.jobs] == ["shipping"]  # type: ignore[union-attr]
    # When it runs again with nothing new
    again, third = run_monitor(fleet.ctx, "shop", "coverage", run_id="r3")
    # Then no duplicate work is started
    assert third.jobs == []
    assert again.findings == 0


def _rows(store: Store) -> dict[str, int]:
    with store.session() as session:
        counts = {t.name: session.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables}
    return {name: count for name, count in counts.items() if count}


def test_a_dry_run_finds_what_an_audit_would_and_records_nothing(fleet_of: Callable[..., CoverageFleet]) -> None:
    # Given a repo whose last commit adds an untested function
    fleet = fleet_of(BASE, coverage='since = "HEAD~1"')
    fleet.commit({"shop/pricing.py": PRICING + SHIPPING})
    # When it is scanned as `audit --dry-run` does
    [finding] = scan(fleet.ctx, "shop", "coverage")
    # Then the finding is there and no table holds a row (no baseline, no measured lines)
    assert finding.evidence.function == "shipping"  # type: ignore[union-attr]
    assert _rows(fleet.ctx.store) == {}
    # And a dry run of a red suite leaves no ledger row either
    fleet.commit({"tests/test_pricing.py": TESTS.replace("3.0", "4.0")})
    assert scan(fleet.ctx, "shop", "coverage") == []
    assert _rows(fleet.ctx.store) == {}
    # While the real audit records its run, its red suite and its baseline as before
    run_monitor(fleet.ctx, "shop", "coverage", run_id="real")
    assert set(_rows(fleet.ctx.store)) >= {"ledger", "coverage_audits"}


def test_a_covered_change_and_an_unchanged_function_are_not_reported(fleet_of: Callable[..., CoverageFleet]) -> None:
    # Given a change to a tested function only
    fleet = fleet_of({**BASE, "shop/pricing.py": PRICING + SHIPPING}, coverage='since = "HEAD~1"')
    fleet.commit({"shop/pricing.py": PRICING.replace("round(subtotal", "round(1.0 * subtotal") + SHIPPING})
    # When audited: Then nothing is reported (shipping is uncovered but did not change)
    assert fleet.scan() == []


@pytest.mark.parametrize("path", NOT_SOURCE)
def test_a_sphinx_conf_py_is_not_code_to_test(fleet_of: Callable[..., CoverageFleet], path: str) -> None:
    # Given a commit adding a function to the docs' Sphinx configuration (cachetools' docs/conf.py get_version),
    # or to versioneer.py or setuptools' ez_setup.py bootstrap (build tooling copied into the repo: xmltodict),
    # or to an example script beside the package (sqlparse 0.5's examples/extract_table_names.py), or to a script
    # whose name no import can spell (wcwidth's bin/update-tables.py)
    fleet = fleet_of(BASE, coverage='since = "HEAD~1"')
    fleet.commit({path: "def get_version():\n    return '1.0'\n\n\nrelease = get_version()\n"})
    # When audited: Then nothing is reported: no test imports the docs' configuration
    assert fleet.scan() == []


def test_a_changed_function_is_new_work_and_the_whole_function_threshold_reports_old_gaps(
    fleet_of: Callable[..., CoverageFleet],
) -> None:
    # Given an untested function that exists from the start, and a whole-function threshold
    fleet = fleet_of({**BASE, "shop/pricing.py": PRICING + SHIPPING}, coverage="min_function_coverage = 0.5")
    # When audited before and after the function changes
    [before] = fleet.scan()
    fleet.commit({"shop/pricing.py": PRICING + SHIPPING.replace("1.25", "1.5")})
    [after] = fleet.scan()
    # Then both report it, under different fingerprints (the source hash changed)
    assert before.evidence.function == after.evidence.function == "shipping"  # type: ignore[union-attr]
    assert before.fingerprint != after.fingerprint


def test_a_red_suite_is_recorded_and_starts_no_work(
    fleet_of: Callable[..., CoverageFleet], caplog: pytest.LogCaptureFixture
) -> None:
    # Given a commit that adds untested code and breaks a test
    fleet = fleet_of(BASE, coverage='since = "HEAD~1"')
    fleet.commit({"shop/pricing.py": PRICING + SHIPPING, "tests/test_pricing.py": TESTS.replace("3.0", "4.0")})
    # When audited
    with caplog.at_level(logging.WARNING, logger="agentfleet.flow.monitors.coverage.monitor"):
        run, result = run_monitor(fleet.ctx, "shop", "coverage", run_id="red")
    # Then the log line a user reads names the failing test (arrow 1.3.0's `test_anchorage_dst` with a newer dateutil)
    assert "failing: tests/test_pricing.py::test_total" in caplog.text
    # Then nothing starts and the ledger says why
    assert result.jobs == []
    assert run.findings == 0
    [row] = ledger.recent(fleet.ctx.store, stage="monitor:coverage", limit=5)
    assert row.outcome == "red-suite"
    assert row.outputs["failing"] == ["tests/test_pricing.py::test_total"]


SLOW_SUITE = (
    "import time\n\nimport pytest\n\n\n@pytest.mark.parametrize('n', range(6))\n"
    "def test_slow(n):\n    time.sleep(2.5)\n"
)


def test_a_suite_longer_than_its_timeout_says_which_setting_to_raise(fleet_of: Callable[..., CoverageFleet]) -> None:
    # Given a suite that runs longer under coverage than the repo's suite timeout (packaging's 27,000 tests)
    fleet = fleet_of({**BASE, "tests/test_slow.py": SLOW_SUITE}, coverage='since = "HEAD~1"\nsuite_timeout_s = 10')
    fleet.commit({"shop/pricing.py": PRICING + SHIPPING})
    # When audited
    run, result = run_monitor(fleet.ctx, "shop", "coverage", run_id="slow")
    # Then nothing starts, and the ledger names the timeout and the setting, not a missing pytest
    assert result.jobs == []
    [row] = ledger.recent(fleet.ctx.store, stage="monitor:coverage", limit=5)
    assert row.outcome == "no-measurement"
    assert "timed out after 10 s" in row.outputs["error"]
    assert "suite_timeout_s" in row.outputs["error"]
    assert "installed" not in row.outputs["error"]


def test_a_repo_without_tests_and_the_per_run_cap(fleet_of: Callable[..., CoverageFleet]) -> None:
    # Given a repo with no tests folder and two new functions, capped at one finding per run
    code = PRICING + SHIPPING
    fleet = fleet_of(
        {"shop/__init__.py": "", "shop/pricing.py": "X = 1\n"}, coverage='max_items_per_run = 1\nsince = "HEAD~1"'
    )
    fleet.commit({"shop/pricing.py": code})
    # When audited three times through triage
    runs = [run_monitor(fleet.ctx, "shop", "coverage", run_id=f"cap{i}")[1] for i in range(3)]
    # Then each function is reported once, one per run, and the third run has nothing new
    functions = [job.item.function for result in runs for job in result.jobs]  # type: ignore[union-attr]
    assert sorted(functions) == ["shipping", "total"]
    assert [len(result.jobs) for result in runs] == [1, 1, 0]


def test_options_the_probe_cannot_honour_are_dropped_not_reported_as_a_red_suite(
    fleet_of: Callable[..., CoverageFleet],
) -> None:
    # Given a repo whose pytest options name a plugin the sandbox does not have (xdist's -n)
    fleet = fleet_of({**BASE, "pytest.ini": "[pytest]\naddopts = -n 2\n"}, coverage='since = "HEAD~1"')
    fleet.commit({"shop/pricing.py": PRICING + SHIPPING})
    # When audited: Then the suite still runs in one process under coverage and the gap is found
    [finding] = fleet.scan()
    assert finding.evidence.function == "shipping"  # type: ignore[union-attr]


def test_a_baseline_the_rewritten_history_no_longer_has_counts_from_since(
    fleet_of: Callable[..., CoverageFleet],
) -> None:
    # Given a repo audited once (its HEAD is the baseline), whose history is then rewritten (force-push, re-clone)
    fleet = fleet_of(BASE)
    assert fleet.scan() == []
    shutil.rmtree(fleet.path)
    make_repo(fleet.path, {**BASE, "README.md": "rewritten\n"})
    fleet.commit({"shop/pricing.py": PRICING + SHIPPING})
    fleet.configure('since = "HEAD~1"')
    # When audited again
    [finding] = fleet.scan()
    # Then the audit counts from `since` instead of failing on the missing commit
    assert finding.evidence.function == "shipping"  # type: ignore[union-attr]


def test_a_definition_a_later_import_replaces_is_not_code_to_test(fleet_of: Callable[..., CoverageFleet]) -> None:
    # Given a commit changing a fallback copy the module replaces by an import at its end (boltons' urlutils keeps
    # an OrderedMultiDict, then `try: from .dictutils import OrderedMultiDict`), next to a new untested function
    fleet = fleet_of(
        {**BASE, "shop/rates.py": "def shipping(weight):\n    return weight\n"}, coverage='since = "HEAD~1"'
    )
    fallback = SHIPPING.replace("def shipping(", "def fallback(") + "\n\ntry:\n    from shop.rates import shipping\n"
    fleet.commit({"shop/pricing.py": PRICING + SHIPPING + fallback + "except ImportError:\n    pass\n"})
    # When audited
    found = fleet.scan()
    # Then only the function a caller can reach is reported: no test can call the replaced definition
    assert [f.evidence.function for f in found if isinstance(f.evidence, CoverageEvidence)] == ["fallback"]


DEPTH_TEST = """import pytest


def test_the_recursion_error_says_what_plain_pytest_says():
    def down(n):
        return down(n + 1)

    with pytest.raises(RecursionError) as raised:
        down(0)
    assert str(raised.value) == "maximum recursion depth exceeded"
"""


def test_the_tests_own_code_runs_untraced_as_under_plain_pytest(fleet_of: Callable[..., CoverageFleet]) -> None:
    # Given a suite with a test that a tracer on its own frames changes (structlog's `test_recursive` reads the
    # RecursionError's message, which says "while calling a Python object" when coverage traces the test file)
    fleet = fleet_of({**BASE, "tests/test_depth.py": DEPTH_TEST}, coverage='since = "HEAD~1"')
    fleet.commit({"shop/pricing.py": PRICING + SHIPPING})
    # When audited: Then the suite is green as the user runs it, and the new function's gap is found
    [finding] = fleet.scan()
    assert finding.evidence.function == "shipping"  # type: ignore[union-attr]
