"""Continuous refactoring end to end on real processes (Redis, a worker, beat): the quality monitor finds new
debt, the refactor fixer rewrites it, the gate proves behaviour unchanged in fresh bwrap sandboxes, and PRs land;
uncovered code goes through tests first (an expand_tests PR, then the refactor)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from support import Proc, agentfleet_cmd, commit, make_repo, need, wait_for

from agentfleet.core.context import Context
from agentfleet.forges.factory import open_forge
from agentfleet.forges.local import LocalForge
from agentfleet.store import Store, deliveries, ledger

sys.path.insert(0, str(Path(__file__).parent.parent / "refactoring"))
from refactor_kit import BASE, DUPLICATED, NESTED, ORDERS, TESTS

pytestmark = [pytest.mark.redis, pytest.mark.slow, pytest.mark.bwrap]

FLEET = """[[repos]]
name = "shop"
location = "shop"
trust.refactor = 3
trust.expand_tests = 3
monitors.quality = {{ every = 4 }}
[repos.budgets]
cooldown_s = {cooldown}
[repos.quality]
min_duplicate_lines = 5
max_nesting = 3
[repos.coverage]
pynguin = false
"""
SERVICES = {"AGENTFLEET_SANDBOX__BACKEND": "bwrap", "AGENTFLEET_CELERY__BEAT_LOCK_TIMEOUT_S": "3"}


def _setup(
    tmp_path: Path,
    start_worker: Callable[..., Proc],
    spawn: Callable[..., Proc],
    cooldown: int,
    store: Store,
) -> Store:
    need(shutil.which("bwrap") is not None, "bubblewrap is not installed (apt-get install bubblewrap)")
    make_repo(tmp_path / "shop", BASE)
    (tmp_path / "fleet.toml").write_text(FLEET.format(cooldown=cooldown))
    start_worker(env=SERVICES, concurrency=2)
    spawn(agentfleet_cmd("beat"), "beat", SERVICES)
    wait_for(lambda: ledger.recent(store, stage="monitor:quality", limit=1), 120, "the first quality audit")
    return store


def _forge(ctx: Context) -> LocalForge:
    forge = open_forge(ctx, ctx.repo("shop"))
    assert isinstance(forge, LocalForge)
    return forge


def _delivered(store: Store, kind: str, state: str) -> list[str]:
    return [d.key for d in deliveries.with_prs(store, repo="shop") if d.kind == kind and d.state == state]


def test_a_nested_function_and_a_duplicated_block_become_two_verified_refactor_prs(
    tmp_path: Path, start_worker: Callable[..., Proc], spawn: Callable[..., Proc], fleet_context: Callable[[], Context]
) -> None:
    # Given a tested repo whose quality monitor runs every 4 s, a worker and a beat
    store = _setup(tmp_path, start_worker, spawn, cooldown=3600, store=fleet_context().store)
    # When a commit adds a deeply nested function and a duplicated block, with tests
    commit(tmp_path / "shop", {"shop/orders.py": ORDERS + NESTED + DUPLICATED, "tests/test_orders.py": TESTS}, "debt")
    # Then both are found, refactored, verified, and land as two PRs
    wait_for(lambda: len(_delivered(store, "refactor", "open")) == 2, 600, "two refactor PRs")
    prs = {pr.title: pr for pr in _forge(fleet_context()).list_prs()}
    assert sorted(prs) == [
        "[agentfleet] refactor: lower duplication of shop/orders.py::summary (6 → 0)",
        "[agentfleet] refactor: lower nesting of shop/orders.py::shipping (5 → 1)",
    ]
    for pr in prs.values():
        assert pr.branch.startswith("agentfleet/refactor/")
        for evidence in (
            "- changed_lines_covered: `the existing suite runs",
            "- differential_tests: `",
            " pass on the refactored code",
            "- api_unchanged: `public API of 1 file(s) unchanged (griffe)`",
            "- test_suite: `",
        ):
            assert evidence in pr.body, (pr.title, evidence)
    assert "+def _summary_shared(prices, tax):" in prs[sorted(prs)[0]].body


@pytest.mark.timeout(1200)
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # the slowest chain; PostgreSQL: the test above
def test_an_uncovered_complex_function_gets_tests_first_then_its_refactor(
    tmp_path: Path, start_worker: Callable[..., Proc], spawn: Callable[..., Proc], fleet_context: Callable[[], Context]
) -> None:
    # Given the same fleet, with a one-minute cooldown
    store = _setup(tmp_path, start_worker, spawn, cooldown=60, store=fleet_context().store)
    # When a commit adds a nested function no test runs
    repo = tmp_path / "shop"
    commit(repo, {"shop/orders.py": ORDERS + NESTED}, "untested debt")
    # Then the refactor is refused for lack of tests, and an expand_tests PR for those lines opens first
    wait_for(lambda: ledger.recent(store, stage="gate:tests-first", limit=1), 300, "the gate to file tests first")
    wait_for(lambda: _delivered(store, "expand_tests", "open"), 600, "the expand_tests PR")
    assert not _delivered(store, "refactor", "open")
    forge = _forge(fleet_context())
    [tests_pr] = forge.list_prs()
    assert tests_pr.branch.startswith("agentfleet/expand-tests/")
    assert "shop/orders.py::shipping" in tests_pr.body
    # When a reviewer merges it and the merge reaches the repo's default branch
    forge.merge(tests_pr.number)
    subprocess.run(["git", "pull", "-q", "--ff-only", str(forge.bare.path), "main"], cwd=repo, check=True)
    # Then the refactor of the now-covered function passes the gate and its PR opens
    wait_for(lambda: _delivered(store, "refactor", "open"), 600, "the refactor PR after the tests")
    [refactor] = [pr for pr in forge.list_prs() if pr.branch.startswith("agentfleet/refactor/")]
    assert "shipping (5 → 1)" in refactor.title
    assert "(100%; min_covered=1)" in refactor.body
