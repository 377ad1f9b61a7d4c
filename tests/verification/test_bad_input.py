"""What production and humans get wrong: release names, missing releases, reverts, force-pushes, clocks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from click.testing import CliRunner, Result
from support import git

from agentfleet.cli import cli
from agentfleet.contracts import utcnow
from agentfleet.core.context import get_context
from agentfleet.core.settings import get_settings
from agentfleet.store import get_store, ledger
from verification.kit import Shop

pytestmark = pytest.mark.redis
MakeShop = Callable[..., Shop]


def _cli(shop: Shop, *args: str) -> Result:
    for cache in (get_settings, get_context, get_store):
        cache.cache_clear()
    settings = shop.ctx.settings
    env = {
        "AGENTFLEET_DATA_DIR": str(settings.data_dir),
        "AGENTFLEET_FLEET_FILE": str(settings.fleet_file),
        "AGENTFLEET_REDIS_URL": settings.redis_url,
    }
    return CliRunner(env=env).invoke(cli, list(args), catch_exceptions=False)


def _deployed(shop: Shop) -> bool:
    shop.verify()
    return shop.row().state == "awaiting_verdict"


@pytest.mark.parametrize(
    ("release_format", "tag", "release"),
    [("tag", "v1.4.0", "v1.4.0"), ("name@version", "v1.4.0", "checkout@1.4.0"), ("name@version", "2.0", "shop@2.0")],
)
def test_a_release_that_names_a_tag_deploys_the_fix_in_it(
    make_shop: MakeShop, release_format: str, tag: str, release: str
) -> None:
    # Given a fleet whose releases are tags, and the merged fix tagged at the location
    shop = make_shop(release_format=release_format)
    shop.fix_pr()
    merge = shop.merge()
    git(shop.location, "tag", tag, merge)
    # When production reports that release
    shop.traffic(release)
    # Then the fix counts as deployed by it
    assert _deployed(shop)
    assert shop.row().deployed_by == f"release {release!r}"


def test_a_release_that_maps_to_no_commit_is_reported_once(make_shop: MakeShop) -> None:
    # Given SHA releases, and production sending a release name that is no commit
    shop = make_shop()
    shop.fix_pr()
    shop.merge()
    for _ in range(3):
        shop.traffic("checkout@2025.06.01", count=5)
        shop.verify()
    # Then it is reported once (one ledger row with a hint), not per event or pass, and judges nothing
    (row,) = ledger.recent(shop.ctx.store, stage="verify", outcome="unmapped-release")
    assert row.outputs["release"] == "checkout@2025.06.01"
    assert "release_format" in row.outputs["hint"]
    assert shop.row().state == "awaiting_deploy"


def test_hostile_release_names_never_reach_git_as_options(make_shop: MakeShop) -> None:
    shop = make_shop(release_format="tag")
    shop.fix_pr()
    shop.merge()
    for release in ("--upload-pack=touch /tmp/pwned", "../../etc/passwd", "HEAD~1", "a..b"):
        shop.traffic(release)
    shop.verify()
    assert shop.row().state == "awaiting_deploy"


def test_events_without_a_release_judge_nothing_until_a_deploy_is_declared(make_shop: MakeShop) -> None:
    # Given a team whose events carry no release
    shop = make_shop()
    shop.fix_pr()
    merge = shop.merge()
    shop.traffic(None)
    assert not _deployed(shop)
    # When a human declares the merge deployed
    done = _cli(shop, "deployed", "checkout", merge[:10])
    assert done.exit_code == 0, done.output
    assert f"production runs {merge[:12]}" in done.output
    assert f"contains merged PR #1 (merge {merge[:12]})" in done.output
    # Then the fix is deployed, and a crash without a release after that counts as a recurrence
    assert _deployed(shop)
    assert shop.row().deployed_by == f"declared {merge[:12]}"
    shop.send(None)
    (line,) = shop.verify()
    assert "regressed" in line


def test_declaring_an_unknown_commit_says_what_to_do(make_shop: MakeShop) -> None:
    shop = make_shop()
    done = _cli(shop, "deployed", "checkout", "deadbeef")
    assert done.exit_code == 1
    assert "'deadbeef' names no commit of checkout" in done.output
    assert "push it there first" in done.output


def test_a_fix_a_human_reverted_is_not_judged(make_shop: MakeShop) -> None:
    # Given a deployed fix that a human then reverts on the default branch
    shop = make_shop()
    shop.fix_pr()
    merge = shop.merge()
    shop.traffic(merge)
    shop.verify()
    git(shop.location, "revert", "--no-edit", "-m", "1", merge)
    # When the crash comes back from a release with the fix (and its revert)
    shop.send(git(shop.location, "rev-parse", "HEAD"))
    (line,) = shop.verify()
    # Then the fix is not judged: neither regressed nor reopened
    assert line == f"#1 not-judged: merge {merge[:12]} was reverted on the default branch"
    assert shop.row().state == "not_judged"
    assert not ledger.recent(shop.ctx.store, stage="verify", outcome="regressed")


def test_a_merge_force_pushed_off_the_default_branch_is_reported_not_judged(make_shop: MakeShop) -> None:
    # Given a merged fix pulled into the location, then history rewritten without it
    shop = make_shop()
    shop.fix_pr()
    shop.merge()
    git(shop.location, "reset", "-q", "--hard", shop.bob)
    git(shop.location, "commit", "-q", "--allow-empty", "-m", "rewritten history")
    # When verification runs
    (line,) = shop.verify()
    # Then it says so, once, and judges nothing
    assert "no longer on the default branch (force-pushed history?)" in line
    assert shop.row().state == "not_judged"
    assert shop.verify() == []


def test_a_merge_the_location_has_not_pulled_yet_is_still_watched(make_shop: MakeShop) -> None:
    shop = make_shop()
    shop.fix_pr()
    merge = shop.merge(pull=False)
    shop.traffic(merge)
    assert _deployed(shop)


def test_windows_count_on_the_fleets_clock_not_the_apps(make_shop: MakeShop) -> None:
    # Given a deployed fix, and a production host whose clock is a day behind
    shop = make_shop()
    shop.fix_pr()
    merge = shop.merge()
    skewed = utcnow() - timedelta(days=1)
    shop.traffic(merge, timestamp=skewed)
    shop.verify()
    # Then the deploy time is when the fleet received the events, not the app's timestamp
    row = shop.row()
    assert row.deployed_at is not None
    assert row.deployed_at > utcnow() - timedelta(minutes=1)
    # And a recurrence stamped a day in the past (or future) still counts
    shop.send(merge, timestamp=utcnow() + timedelta(days=1))
    (line,) = shop.verify()
    assert "regressed" in line
