"""Test expansion end to end on real processes: beat runs the coverage monitor, a worker writes the tests with
Pynguin, the gate verifies them in fresh bwrap sandboxes, and a PR lands on the local forge — once."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from support import Proc, agentfleet_cmd, commit, make_repo, need, wait_for, wait_for_delivery

from agentfleet.core.context import Context
from agentfleet.forges.factory import open_forge
from agentfleet.store import Store, ledger, work

pytestmark = [pytest.mark.redis, pytest.mark.slow, pytest.mark.bwrap]

PRICING = """def total(prices: list[float], discount: float = 0.0) -> float:
    subtotal = sum(prices)
    return round(subtotal * (1 - discount), 2)
"""
CAPPED = """def total(prices: list[float], discount: float = 0.0) -> float:
    if discount > 0.5:
        raise ValueError("a discount above 50% needs a manager")
    subtotal = sum(prices)
    return round(subtotal * (1 - discount), 2)
"""
TESTS = "from shop.pricing import total\n\n\ndef test_total():\n    assert total([1.0, 2.0], 0.1) == 2.7\n"
FLEET = """[[repos]]
name = "shop"
location = "shop"
trust.expand_tests = 3
monitors.coverage = {{ every = 4 }}
[repos.coverage]
search_budget_s = 5
"""
SERVICES = {"AGENTFLEET_SANDBOX__BACKEND": "bwrap", "AGENTFLEET_CELERY__BEAT_LOCK_TIMEOUT_S": "3"}


def _monitor_runs(store: Store) -> int:
    return len(ledger.recent(store, stage="monitor", limit=1000))


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # its store use is the refactor chain's (both)
def test_a_commit_adding_an_untested_branch_becomes_one_verified_pr(
    tmp_path: Path, start_worker: Callable[..., Proc], spawn: Callable[..., Proc], fleet_context: Callable[[], Context]
) -> None:
    need(shutil.which("bwrap") is not None, "bubblewrap is not installed (apt-get install bubblewrap)")
    # Given a tested repo, a fleet whose coverage monitor runs every 4 s, a worker and a beat
    repo = tmp_path / "shop"
    make_repo(repo, {"shop/__init__.py": "", "shop/pricing.py": PRICING, "tests/test_pricing.py": TESTS})
    (tmp_path / "fleet.toml").write_text(FLEET.format())
    ctx = fleet_context()
    store = ctx.store
    start_worker(env=SERVICES)
    spawn(agentfleet_cmd("beat"), "beat", SERVICES)
    wait_for(lambda: _monitor_runs(store) >= 1, 120, "the first coverage audit (it records the baseline)")
    # When a commit adds a branch no test takes
    commit(repo, {"shop/pricing.py": CAPPED}, "cap discounts")
    # Then the monitor finds it, the tests fixer writes tests, the gate passes them and a PR opens
    row = wait_for_delivery(store, "the expand_tests PR", timeout=600)
    assert ":expand_tests:coverage:shop/pricing.py:total:" in row.key
    [pr] = open_forge(ctx, ctx.repo("shop")).list_prs()
    assert pr.branch.startswith("agentfleet/expand-tests/")
    for expected in ("## Tests for new code paths", "`covers_target`", "kills_mutants (measured by the gate)"):
        assert expected in pr.body
    assert "+def test_total_raises_value_error" in pr.body
    # When the monitor keeps running after the PR opened
    seen = _monitor_runs(store)
    wait_for(lambda: _monitor_runs(store) >= seen + 2, 60, "two more coverage audits")
    # Then no second piece of work and no second PR exist
    assert [r.key for r in work.rows(store, repo="shop")] == [row.key]
    assert len(open_forge(ctx, ctx.repo("shop")).list_prs()) == 1
