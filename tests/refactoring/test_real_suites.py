"""Shapes of real libraries' own suites that the refactor gate must read right (docs/refactoring.md, "Real
repositories"), each on a small repo through the real fixer and gate in bwrap sandboxes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from refactor_kit import BASE, NESTED, ORDERS, QUALITY, TESTS, RefactorFleet

from agentfleet.contracts import Job
from agentfleet.flow.fixers.stage import fix
from agentfleet.flow.gate.stage import verify
from agentfleet.sandboxes import layout

pytestmark = [pytest.mark.bwrap, pytest.mark.slow]

SHIPPING_TEST = TESTS[TESTS.index("def test_shipping") : TESTS.index("def test_totals")]
SET_PARAMETRISED = (
    "import datetime\n\nimport pytest\n\nfrom shop.orders import shipping\n\n\n"
    + SHIPPING_TEST
    + """
CASES = {(f"day {n}", datetime.date(2000, 1, n)) for n in range(1, 29)}


@pytest.mark.parametrize(("name", "day"), CASES)
def test_days(name, day):
    assert name == f"day {day.day}"
"""
)
"""isodate's shape: cases kept in a set of tuples, so pytest names them by their place in the set's order
(``day3``), which follows the string hashes, so it changes from one interpreter to the next."""


def _refactored_beside_a_set_parametrised_suite(fleet_of: Callable[..., RefactorFleet]) -> tuple[RefactorFleet, Job]:
    """A fleet whose suite names its tests by a set's order, and the fixer's honest refactor of a nested function."""
    fleet = fleet_of(BASE, quality=QUALITY)
    assert fleet.scan() == []
    fleet.commit({"shop/orders.py": ORDERS + NESTED, "tests/test_orders.py": SET_PARAMETRISED})
    [finding] = fleet.scan()
    job = fix(fleet.job(finding), fleet.ctx)
    assert job.patch is not None, job.no_fix
    return fleet, job


def test_a_suite_parametrised_over_a_set_keeps_its_test_names_from_run_to_run(
    fleet_of: Callable[..., RefactorFleet],
) -> None:
    # Given a suite whose test names follow a set's iteration order, and a nested function flattened
    fleet, job = _refactored_beside_a_set_parametrised_suite(fleet_of)
    # When the gate runs the suite before and after the honest refactor
    job = verify(job, fleet.ctx)
    # Then every test that passed before is found again, under the same name
    assert job.decision is not None
    checks = {c.name: (c.passed, c.evidence) for c in job.decision.checks}
    passed, evidence = checks["tests_still_pass"]
    assert passed, evidence
    assert job.decision.passed, job.decision.reasons


def test_a_base_run_cached_under_another_hash_seed_is_not_reused(
    fleet_of: Callable[..., RefactorFleet], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a set-parametrised suite whose base run the gate cached in a process with one string-hash seed
    fleet, job = _refactored_beside_a_set_parametrised_suite(fleet_of)
    assert verify(job, fleet.ctx).decision.passed  # type: ignore[union-attr]
    # When another worker, with its own seed, judges the same patch (the cache is on the shared data dir)
    monkeypatch.setattr(layout, "_HASH_SEED", str(int(layout.hash_seed()) % 1000 + 1))
    decision = verify(job, fleet.ctx).decision
    # Then it ran the base suite itself: every test is found again under its own names
    assert decision is not None
    assert decision.passed, decision.reasons
