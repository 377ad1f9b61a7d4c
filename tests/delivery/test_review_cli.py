"""Reviewing agent PRs from the CLI, and the track record ``agentfleet trust`` builds from it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import CliRunner, Result
from support import fresh_process_caches, git

from agentfleet.cli import cli
from agentfleet.contracts import TrustPhase, Verdict
from agentfleet.flow.delivery.record import Record, recommend
from agentfleet.flow.delivery.stage import deliver
from delivery.kit import Fleet

pytestmark = pytest.mark.redis
MakeFleet = Callable[..., Fleet]


def _run(fleet: Fleet, *args: str) -> Result:
    fresh_process_caches()
    return CliRunner(env=fleet.env).invoke(cli, list(args), catch_exceptions=False)


def test_a_human_reviews_and_merges_a_pr_on_the_local_forge(make_fleet: MakeFleet) -> None:
    # Given an agent PR on the local forge
    fleet = make_fleet("local", "trust.fix_error = 3")
    deliver(fleet.job(Verdict.PR), fleet.ctx)
    # When a human lists, reads and diffs it
    listed = _run(fleet, "pr", "list")
    shown = _run(fleet, "pr", "show", "1")
    diff = _run(fleet, "pr", "diff", "1")
    # Then they see the PR, its gate report and the change
    assert "#1" in listed.output
    assert "agentfleet/fix-error/" in listed.output
    assert "## Gate report" in shown.output
    assert "labels: agentfleet, fix-error" in shown.output
    assert "+    return a + b" in diff.output
    # When they merge it
    merged = _run(fleet, "pr", "merge", "1")
    assert merged.exit_code == 0, merged.output
    assert "merged #1" in merged.output
    assert "git pull" in merged.output
    # Then it is no longer open and the track record counts it
    assert "no open agent pull requests" in _run(fleet, "pr", "list").output
    trust = _run(fleet, "trust")
    assert (
        "svc          fix_error               3      1      0        0         0      0        0  keep" in trust.output
    )
    assert "never does" in trust.output


def test_trust_sees_a_revert_and_suggests_a_demotion(make_fleet: MakeFleet) -> None:
    # Given a merged agent PR
    fleet = make_fleet("local", "trust.fix_error = 3")
    deliver(fleet.job(Verdict.PR), fleet.ctx)
    _run(fleet, "pr", "merge", "1")
    # When a human pulls it and reverts it at the repo's location
    bare = fleet.ctx.settings.data_dir / "forge" / "svc.git"
    git(fleet.upstream, "pull", "-q", "--no-rebase", str(bare.resolve()), "main")
    merge_sha = git(fleet.upstream, "rev-parse", "HEAD")
    git(fleet.upstream, "revert", "--no-edit", "-m", "1", merge_sha)
    # Then trust syncs the revert and suggests a demotion, without changing the fleet file
    before = fleet.ctx.settings.fleet_file.read_text()
    output = _run(fleet, "trust").output
    assert "synced svc: svc:fix_error:err-add reverted" in output
    assert "demote to 2: 1 merged change(s) were reverted" in output
    assert fleet.ctx.settings.fleet_file.read_text() == before
    again = _run(fleet, "trust").output
    assert "synced" not in again  # recorded once only
    assert (
        "svc          fix_error               3      1      0        0         0      0        1  demote to 2" in again
    )


@pytest.mark.parametrize("kind", ["local", "github"])
def test_closing_from_the_cli_is_recorded(kind: str, make_fleet: MakeFleet) -> None:
    fleet = make_fleet(kind)
    deliver(fleet.job(Verdict.DRAFT_PR), fleet.ctx)
    refused = _run(fleet, "pr", "merge", "1")
    assert refused.exit_code != 0
    assert "draft" in refused.output
    assert "closed #1" in _run(fleet, "pr", "close", "1").output
    assert (
        "svc          fix_error               1      0      1        0         0      0        0  keep"
        in _run(fleet, "trust").output
    )


def test_a_merge_on_the_forge_is_picked_up_by_trust(make_fleet: MakeFleet) -> None:
    fleet = make_fleet("github")
    deliver(fleet.job(Verdict.PR), fleet.ctx)
    fleet.forge.merge(1)  # a human merges on GitHub itself
    output = _run(fleet, "trust").output
    assert "synced svc: #1 merged" in output
    assert "svc          fix_error               1      1      0        0         0      0        0  keep" in output


@pytest.mark.parametrize(
    ("record", "phase", "suggestion"),
    [
        (Record(merged=5), TrustPhase.DRAFT_PR, "promote to 3"),
        (Record(merged=4), TrustPhase.DRAFT_PR, "keep"),
        (Record(merged=5, closed=3), TrustPhase.PR, "keep"),
        (Record(merged=9), TrustPhase.AUTO_MERGE, "keep"),
        (Record(merged=9, reverted=1), TrustPhase.AUTO_MERGE, "demote to 3"),
        (Record(merged=1, closed=2), TrustPhase.PR, "demote to 2"),
        (Record(closed=5), TrustPhase.REPORT, "keep"),
    ],
)
def test_suggestions(record: Record, phase: TrustPhase, suggestion: str) -> None:
    assert recommend(record, phase).startswith(suggestion)
