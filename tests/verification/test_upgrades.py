"""A merged ``upgrade_dependency`` PR is judged by the next advisories run over a branch that contains it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support import git, make_repo

from agentfleet.contracts import Check, GateDecision, Patch, UpgradeDependency, Verdict
from agentfleet.core.context import Context
from agentfleet.core.diffs import unified_diff
from agentfleet.core.settings import Settings
from agentfleet.flow.delivery.record import record_review
from agentfleet.flow.delivery.stage import deliver
from agentfleet.flow.monitors.run import run_monitor
from agentfleet.forges.factory import open_forge
from agentfleet.forges.local_records import get as forge_record
from agentfleet.store import ledger, verifications, work

pytestmark = pytest.mark.redis

DATA = Path(__file__).parents[1] / "data" / "osv-pypi-subset.json"
FLEET = f"""
[[repos]]
name = "svc"
location = "svc"
trust.upgrade_dependency = 3
[repos.advisories]
source = "{DATA}"
index_url = "none"
"""
PINNED = "requests==2.19.0\n"


@pytest.fixture
def upgraded(tmp_path: Path, redis_url: str) -> Callable[[str], tuple[Context, str]]:
    """Factory: the advisories monitor's upgrade for ``requests==2.19.0``, delivered with a bump to ``version``
    as PR #1 and merged by a human (not pulled yet); returns the context and the merge commit."""

    def make(version: str) -> tuple[Context, str]:
        make_repo(tmp_path / "svc", {"requirements.txt": PINNED})
        (tmp_path / "fleet.toml").write_text(FLEET)
        settings = Settings(data_dir=tmp_path / ".agentfleet", fleet_file=tmp_path / "fleet.toml", redis_url=redis_url)
        ctx = Context.from_settings(settings)
        _, result = run_monitor(ctx, "svc", "advisories", run_id="run-1")
        (job,) = result.jobs
        assert isinstance(job.item, UpgradeDependency)
        diff = unified_diff("requirements.txt", PINNED, f"requests=={version}\n")
        patch = Patch(base_commit=job.item.base_commit, diff=diff, author="recipe:upgrade")
        checks = (Check(name="test_suite", passed=True, evidence="`pytest`: exit 0"),)
        delivered = deliver(
            job.model_copy(update={"patch": patch, "decision": GateDecision(verdict=Verdict.PR, checks=checks)}), ctx
        )
        work.finish(ctx.store, delivered)
        pr = open_forge(ctx, ctx.repo("svc")).merge(1)
        record_review(
            ctx.store, repo="svc", key=job.key, outcome="merged", pr=1, actor="cli:alice", merge_sha=pr.merge_sha
        )
        assert pr.merge_sha is not None
        return ctx, pr.merge_sha

    return make


def _pull(ctx: Context) -> None:
    bare = (ctx.settings.data_dir / "forge" / "svc.git").resolve()
    git(ctx.settings.fleet_file.parent / "svc", "pull", "-q", "--ff-only", str(bare), "main")


def test_an_upgrade_the_next_advisories_run_no_longer_flags_is_verified(upgraded: Callable[..., tuple]) -> None:
    # Given the upgrade to 2.31.0 merged on the forge, not yet pulled into the repo's location
    ctx, merge = upgraded("2.31.0")
    # When the advisories monitor runs: its branch does not contain the merge, so nothing is judged
    run_monitor(ctx, "svc", "advisories", run_id="run-2")
    (row,) = verifications.listing(ctx.store)
    assert row.state == "awaiting_deploy"
    assert "does not contain the merge yet" in row.note
    # When the location pulls it and the monitor runs again
    _pull(ctx)
    run, _ = run_monitor(ctx, "svc", "advisories", run_id="run-3")
    # Then the advisory no longer applies: verified, with a comment on the PR
    assert run.findings == 0
    (row,) = verifications.listing(ctx.store)
    assert row.state == "verified"
    assert row.deployed_by.startswith("advisories run at ")
    (verdict,) = ledger.recent(ctx.store, stage="verify", outcome="verified")
    assert verdict.outputs["kind"] == "upgrade_dependency"
    assert any("upgrade **held**" in c for c in forge_record(ctx.store, "svc", 1).comments)


def test_an_upgrade_that_still_leaves_the_advisory_open_reopens_the_work(upgraded: Callable[..., tuple]) -> None:
    # Given an upgrade to 2.20.0 merged and pulled (2.20.0 is still affected by PYSEC-2023-74)
    ctx, merge = upgraded("2.20.0")
    _pull(ctx)
    # When the next advisories run still finds the advisory
    _, result = run_monitor(ctx, "svc", "advisories", run_id="run-2")
    # Then the upgrade regressed, and the work starts again as a new run with the bump marked tried
    (row,) = verifications.listing(ctx.store)
    assert (row.state, row.note) == ("regressed", "still affected by PYSEC-2023-74")
    (job,) = result.jobs
    assert job.run == 2
    assert [(t.merge_sha, t.author) for t in job.item.tried] == [(merge, "recipe:upgrade")]
    assert "+requests==2.20.0" in job.item.tried[0].diff
    assert job.item.branch.endswith("-2")
