"""Trust follows outcomes in production; ``status`` and ``trust --history`` show where each fix stands."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import timedelta

import pytest
from support import agentfleet_cmd

from agentfleet.contracts import TrustPhase
from agentfleet.core.childenv import child_environment
from agentfleet.demo.sample import BUGGY_LINE
from agentfleet.flow.delivery.record import Record, recommend, track_record
from verification.kit import FIXED_LINE, Shop
from verification.test_bad_input import _cli

MakeShop = Callable[..., Shop]


def _status(shop: Shop) -> str:
    """``agentfleet status`` in its own process (it talks to the broker through Celery's app)."""
    settings = shop.ctx.settings
    env = child_environment(
        {
            "AGENTFLEET_DATA_DIR": str(settings.data_dir),
            "AGENTFLEET_FLEET_FILE": str(settings.fleet_file),
            "AGENTFLEET_REDIS_URL": settings.redis_url,
        },
        keep_agentfleet=False,
    )
    done = subprocess.run(agentfleet_cmd("status", "--timeout", "0.2"), env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.parametrize(
    ("record", "phase", "suggestion"),
    [
        (Record(merged=5), TrustPhase.DRAFT_PR, "keep: a promotion needs 5 fixes verified in production (0 so far)"),
        (Record(merged=6, verified=4), TrustPhase.DRAFT_PR, "keep: a promotion needs 5"),
        (Record(merged=5, verified=5), TrustPhase.DRAFT_PR, "promote to 3: 5 merged, 5 verified in production"),
        (Record(merged=9, verified=8, regressed=1), TrustPhase.PR, "demote to 2: 1 did not hold in production"),
        (Record(merged=9, verified=8, caused=1), TrustPhase.AUTO_MERGE, "demote to 3: 1 caused a new error"),
        (Record(merged=3, regressed=1), TrustPhase.REPORT, "keep"),
    ],
)
def test_for_kinds_judged_in_production_a_regression_weighs_like_a_revert_and_promotion_needs_verified_fixes(
    record: Record, phase: TrustPhase, suggestion: str
) -> None:
    assert recommend(record, phase, judged=True).startswith(suggestion)


def test_kinds_not_judged_in_production_are_promoted_on_merges() -> None:
    assert recommend(Record(merged=5), TrustPhase.DRAFT_PR).startswith("promote to 3")


@pytest.mark.redis
def test_trust_status_and_history_show_each_outcome(make_shop: MakeShop) -> None:
    # Given one fix verified in production
    shop = make_shop()
    shop.fix_pr()
    merge = shop.merge()
    shop.traffic(merge)
    shop.verify()
    deployed_at = shop.row().deployed_at
    assert deployed_at is not None
    shop.verify(at=deployed_at + timedelta(hours=1))
    # Then the track record counts it, and trust shows it per repo × kind
    assert track_record(shop.ctx.store)[("checkout", "fix_error")] == Record(merged=1, verified=1)
    output = _cli(shop, "trust", "--no-sync", "--history").output
    header = "repo         kind                phase merged closed verified regressed caused reverted  suggestion"
    assert header in output
    assert "checkout     fix_error               3      1      0        1         0      0        0  keep" in output
    # And the history table tells the fix's story, newest first
    history = output[output.index("checkout: history") :].splitlines()
    events = [line.split()[4] for line in history[2:5]]
    assert events == ["verified", "deployed", "merged"]
    assert "#1" in history[2]
    # And status lists it as held
    status = _status(shop)
    assert "verification: 1 merged change(s) watched" in status
    assert "  held (verified): 1" in status
    assert f"    checkout  #1  fix_error  merge {merge[:12]}  release '{merge}'" in status


@pytest.mark.redis
def test_status_lists_fixes_awaiting_deploy_and_regressed(make_shop: MakeShop) -> None:
    # Given a fix that did not hold
    shop = make_shop()
    shop.fix_pr()
    merge = shop.merge()
    shop.traffic(merge)
    shop.verify()
    again = shop.commit("checkout/pricing.py", FIXED_LINE, BUGGY_LINE, "Inline the tier lookup again")
    shop.send(again)
    shop.verify()
    status = _status(shop)
    assert "  regressed (reopened): 1" in status
    trust = _cli(shop, "trust", "--no-sync").output
    assert (
        "checkout     fix_error               3      1      0        0         1      0        0  demote to 2" in trust
    )
