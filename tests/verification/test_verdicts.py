"""A merged fix judged in production: held, did not hold (reopened, patch marked tried), made it worse (revert)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from support import git

from agentfleet.contracts import utcnow
from agentfleet.core.context import Context
from agentfleet.demo.sample import BUGGY_LINE
from agentfleet.flow.triage.stage import triage
from agentfleet.forges import PRState
from agentfleet.forges.factory import open_forge
from agentfleet.forges.local_records import get as forge_record
from agentfleet.store import ledger, work
from verification.kit import FIXED_LINE, GROUP, ORDER_ERROR, Shop

pytestmark = pytest.mark.redis
MakeShop = Callable[..., Shop]


def _later(shop: Shop, seconds: float = 601) -> object:
    row = shop.row()
    assert row.deployed_at is not None
    return row.deployed_at + timedelta(seconds=seconds)


def _comments(ctx: Context, number: int) -> list[str]:
    return forge_record(ctx.store, "checkout", number).comments


def test_a_deployed_fix_that_stays_silent_with_traffic_is_verified(make_shop: MakeShop) -> None:
    # Given the agent's fix merged, and production still on Bob's release, crashing
    shop = make_shop()
    shop.fix_pr()
    merge = shop.merge()
    shop.send(shop.bob, count=3)
    # When a verify pass runs: the fix is not deployed, so nothing is judged
    assert shop.verify() == []
    assert shop.row().state == "awaiting_deploy"
    # When production reports a release containing the merge, with traffic and no crash
    shop.traffic(merge, count=2)
    assert shop.verify() == []
    row = shop.row()
    assert (row.state, row.deployed_by) == ("awaiting_verdict", f"release {merge!r}")
    assert "watching until" in row.note
    # Then only after the window is it verified, with a comment on the PR and a ledger row
    (line,) = shop.verify(at=_later(shop))
    assert line.startswith("#1 verified: silent for 600s after deploy, with 2 event(s)")
    assert shop.row().state == "verified"
    assert any("**held** in production" in c for c in _comments(shop.ctx, 1))
    (verdict,) = ledger.recent(shop.ctx.store, stage="verify", outcome="verified")
    assert verdict.outputs["kind"] == "fix_error"
    assert verdict.outputs["pr"] == 1
    assert [r.outcome for r in reversed(ledger.recent(shop.ctx.store, stage="verify"))] == ["deployed", "verified"]


def test_silence_without_traffic_verifies_nothing(make_shop: MakeShop) -> None:
    # Given a deployed fix (one event from its release) and min_traffic = 2
    shop = make_shop()
    shop.fix_pr()
    merge = shop.merge()
    shop.traffic(merge, count=1)
    shop.verify()
    # When the window is long over but production stayed silent
    assert shop.verify(at=_later(shop, 7200)) == []
    # Then the fix still awaits its verdict, and says why
    row = shop.row()
    assert row.state == "awaiting_verdict"
    assert "only 1 of min_traffic=2 event(s)" in row.note


def test_the_same_crash_from_a_release_with_the_fix_reopens_the_work_with_the_patch_marked_tried(
    make_shop: MakeShop,
) -> None:
    # Given the fix merged and deployed, then Bob re-inlines his lookup in a later release
    shop = make_shop()
    first = shop.fix_pr()
    merge = shop.merge()
    shop.traffic(merge)
    shop.verify()
    again = shop.commit("checkout/pricing.py", FIXED_LINE, BUGGY_LINE, "Inline the tier lookup again")
    # When that release crashes the same way
    shop.send(again, count=2)
    (line,) = shop.verify()
    # Then the fix did not hold: ledger, comment, and the work is reopened, held for triage
    assert line.startswith("#1 regressed: 2 event(s) of the group from release")
    assert shop.row().state == "regressed"
    (row,) = ledger.recent(shop.ctx.store, stage="verify", outcome="regressed")
    assert row.outputs["reopened"] is True
    assert any("**did not hold**" in c and "reopened" in c for c in _comments(shop.ctx, 1))
    # And the next triage starts it as a new run, on its own branch, the merged patch marked as tried
    result = triage(shop.ctx, shop.repo, [], run_id="monitor-2")
    (job,) = result.jobs
    assert job.run == 2
    (tried,) = job.item.tried
    assert (tried.pr_number, tried.merge_sha, tried.author) == (1, merge, "repair")
    assert "+    return TIERS[min(quantity // 10, len(TIERS) - 1)]" in tried.diff
    assert tried.release == again
    assert job.item.branch == first.item.branch + "-2"
    assert job.item.error.release == again
    assert job.item.base_commit == again  # the location's default branch, where the bug is back
    stored = work.load_job(shop.ctx.store, job.key)
    assert stored is not None
    assert stored.item.tried == (tried,)


def test_a_finding_of_the_reopened_group_keeps_the_tried_patch(make_shop: MakeShop) -> None:
    # Given a fix that did not hold and was reopened
    shop = make_shop()
    shop.fix_pr()
    merge = shop.merge()
    shop.send(merge)
    shop.verify()
    # When the errors monitor reports the group again (a finding, not the resumed job) in the same run
    from agentfleet.flow.monitors.errors import ErrorsMonitor

    found = ErrorsMonitor(shop.ctx).scan(shop.repo)
    result = triage(shop.ctx, shop.repo, found, run_id="monitor-2")
    # Then the new run still carries the tried patch
    (job,) = result.jobs
    assert job.item.fingerprint == GROUP
    assert [t.merge_sha for t in job.item.tried] == [merge]


def test_a_crash_from_a_release_without_the_fix_judges_nothing(make_shop: MakeShop) -> None:
    # Given a deployed fix, while an old replica still runs Bob's release
    shop = make_shop()
    shop.fix_pr()
    merge = shop.merge()
    shop.traffic(merge)
    shop.verify()
    # When the old release crashes
    shop.send(shop.bob, count=5)
    # Then nothing is judged: those events are not from a release containing the fix
    assert shop.verify() == []
    assert shop.row().state == "awaiting_verdict"


@pytest.mark.parametrize(("phase", "draft"), [(2, True), (3, False), (4, False)])
def test_a_new_error_in_lines_the_fix_changed_gets_a_revert_pr(make_shop: MakeShop, phase: int, draft: bool) -> None:
    # Given the fix merged and deployed
    shop = make_shop(phase=phase)
    shop.fix_pr()
    merge = shop.merge()
    shop.traffic(merge)
    shop.verify()
    # When a new error appears, first seen in that release, whose innermost frame is the line the fix changed
    shop.send(merge, exception="TypeError")
    (line,) = shop.verify()
    # Then it made production worse: a revert PR (draft in phase 2, ready in 3 and 4), never merged
    assert line.startswith("#1 caused: new error 'TypeError: boom' in lines the fix changed (checkout/pricing.py:13)")
    row = shop.row()
    assert (row.state, row.revert_pr) == ("caused", 2)
    forge = open_forge(shop.ctx, shop.repo)
    revert = forge.get_pr(2)
    assert (revert.state, revert.draft) == (PRState.OPEN, draft)
    assert revert.branch.startswith("agentfleet/revert/")
    assert "it made production worse" in revert.body
    assert "`checkout/pricing.py:13` in `bulk_discount`" in revert.body
    assert f"-{FIXED_LINE}" in forge.diff(2)
    assert f"+{BUGGY_LINE}" in forge.diff(2)
    assert f"This reverts commit {merge}" in git(shop.bare, "log", "-1", "--format=%B", revert.head_sha)
    assert any("Proposed revert: #2" in c for c in _comments(shop.ctx, 1))
    (caused,) = ledger.recent(shop.ctx.store, stage="verify", outcome="caused")
    assert caused.outputs["revert_pr"] == 2
    # And a second pass opens nothing more
    assert shop.verify() == []
    assert len(forge.list_prs()) == 2


def test_in_phase_1_a_fix_that_made_it_worse_gets_no_pr_but_a_comment_saying_how_to_revert(make_shop: MakeShop) -> None:
    # Given a repo whose fix_error trust is phase 1 (lowered after this fix was merged)
    shop = make_shop(phase=1)
    shop.fix_pr()
    merge = shop.merge()
    shop.traffic(merge)
    shop.verify()
    # When the fix makes a new error in its lines
    shop.send(merge, exception="TypeError")
    shop.verify()
    # Then no revert PR is opened; the merged PR's comment says how to revert
    assert (shop.row().state, shop.row().revert_pr) == ("caused", None)
    assert any(f"git revert -m 1 {merge}" in c for c in _comments(shop.ctx, 1))
    assert [pr.number for pr in open_forge(shop.ctx, shop.repo).list_prs()] == [1]


def test_a_new_error_elsewhere_is_not_blamed_on_the_fix(make_shop: MakeShop) -> None:
    # Given a deployed fix
    shop = make_shop()
    shop.fix_pr()
    merge = shop.merge()
    shop.verify()
    # When a new error appears in order parsing (lines the fix did not touch), with traffic
    shop.send(merge, frames=ORDER_ERROR, exception="KeyError", count=2)
    shop.verify()
    # Then the fix is not blamed, and once the window is over it is verified
    assert len(shop.row().checked) == 1
    (line,) = shop.verify(at=_later(shop))
    assert "verified" in line
    assert not ledger.recent(shop.ctx.store, stage="verify", outcome="caused")


def test_an_old_error_that_merely_recurs_in_the_release_is_not_new(make_shop: MakeShop) -> None:
    # Given a TypeError group already seen in Bob's release, before the fix
    shop = make_shop()
    shop.send(shop.bob, exception="TypeError", received=utcnow() - timedelta(hours=1))
    shop.fix_pr()
    merge = shop.merge()
    shop.traffic(merge)
    shop.verify()
    # When it shows up again from the release with the fix
    shop.send(merge, exception="TypeError")
    # Then the fix did not make it: the group is not new
    assert shop.verify() == []
    assert shop.row().state == "awaiting_verdict"
