"""The loop after the merge on real parts: the demo's checkout service reports with the real sentry-sdk to a real
ingest server; a real worker and beat run the pipeline and the errors monitor (and its verify step) every
second. The agent's fix PR is merged on the local forge, the service is "deployed" by running it with the
merge (or a later commit) as its release, and production decides: held, did not hold, or made it worse."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import Proc, agentfleet_cmd, free_port, git, need_binary, wait_for, wait_for_delivery

from agentfleet.core.childenv import child_environment
from agentfleet.core.diffs import parse_diff
from agentfleet.demo.sample import BUGGY_LINE, create_service_repo
from agentfleet.forges import PRState, PullRequest
from agentfleet.forges.local_records import get as forge_record
from agentfleet.forges.local_records import listing, to_pull_request
from agentfleet.store import Store, ledger, work
from agentfleet.store.models import LedgerRow

pytestmark = [pytest.mark.redis, pytest.mark.bwrap, pytest.mark.slow]

KEY = "c0ffee00c0ffee00c0ffee00c0ffee00"
FLEET = f"""
[[repos]]
name = "checkout"
location = "checkout"
test = "python -m pytest -q"
trust = {{ fix_error = 3 }}
monitors.errors = {{ every = 1 }}
[repos.errors]
dsn_keys = ["{KEY}"]
verify_window = 3
min_traffic = 1
"""
ORDERS = [
    {"id": "A-1", "lines": [{"sku": "mug", "unit_price": "8.50", "quantity": 2}]},
    {"id": "A-2", "lines": [{"sku": "tea", "unit_price": "4.00", "quantity": 24}]},
    {"id": "A-3", "lines": [{"sku": "mug", "unit_price": "8.50", "quantity": 60}]},
]
"""Today's orders; the 60 mugs crash Bob's release."""


@dataclass
class Production:
    """The checkout service's repo, the fleet's store and processes, and a way to run a release."""

    location: Path
    bob: str
    store: Store
    env: dict[str, str]
    dsn: str
    root: Path

    def run(self, release: str) -> subprocess.CompletedProcess[str]:
        """Deploy: run the service as checked out at the location, reporting as ``release``."""
        orders = self.root / "orders.json"
        orders.write_text(json.dumps(ORDERS))
        env = child_environment({"PYTHONPATH": str(self.location)}, keep_agentfleet=False)
        argv = [sys.executable, "app.py", self.dsn, release, str(orders)]
        return subprocess.run(argv, cwd=self.location, env=env, capture_output=True, text=True, timeout=120)

    def cli(self, *args: str) -> str:
        done = subprocess.run(agentfleet_cmd(*args), env=self.env, cwd=self.root, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def commit(self, path: str, old: str, new: str, message: str) -> str:
        target = self.location / path
        target.write_text(target.read_text().replace(old, new))
        git(self.location, "commit", "-q", "-am", message)
        return git(self.location, "rev-parse", "HEAD")

    def verdict(self, outcome: str, timeout: float = 90) -> LedgerRow:
        rows = wait_for(lambda: ledger.recent(self.store, stage="verify", outcome=outcome), timeout, outcome)
        return rows[0]

    def fixed_lines(self) -> list[str]:
        """The lines the fix PR (#1: the plausible patch the engine ranked first) adds to the pricing module."""
        patched = [f for f in parse_diff(self.cli("pr", "diff", "1")) if f.path == "checkout/pricing.py"]
        added = [line.value for f in patched for hunk in f for line in hunk if line.is_added]
        assert added, "the fix PR changes no line of checkout/pricing.py"
        return added

    def fix_merged(self) -> str:
        """Bob's release crashes; the fleet delivers a fix PR; a human merges it and pulls it into the location."""
        crash = self.run(self.bob)
        assert "IndexError" in crash.stderr, crash.stdout + crash.stderr
        row = wait_for_delivery(self.store, "the fix PR", timeout=240)
        assert row.outputs["delivery"]["pr_number"] == 1, row.outputs
        merged = self.cli("pr", "merge", "1")
        merge = merged.split(" as ")[1].split()[0]
        bare = self.root / ".agentfleet" / "forge" / "checkout.git"
        git(self.location, "pull", "-q", "--ff-only", str(bare), "main")
        full = git(self.location, "rev-parse", "HEAD")
        assert full.startswith(merge)
        return full


@pytest.fixture
def production(
    tmp_path: Path,
    service_env: dict[str, str],
    spawn: Callable[..., Proc],
    start_worker: Callable[..., Proc],
) -> Production:
    """The checkout service (Bob's bug on HEAD) in a fleet served by real ingest, worker and beat processes."""
    need_binary("bwrap")
    bob = create_service_repo(tmp_path / "checkout")
    (tmp_path / "fleet.toml").write_text(FLEET)
    port = free_port()
    ingest = spawn(agentfleet_cmd("ingest", "--port", str(port)), "ingest")
    wait_for(lambda: "listening" in ingest.output() or not ingest.alive(), 60, "the ingest server")
    assert ingest.alive(), ingest.output()
    backend = {"AGENTFLEET_SANDBOX__BACKEND": "bwrap"}
    start_worker(concurrency=2, env=backend)
    spawn(agentfleet_cmd("beat"), "beat", {"AGENTFLEET_CELERY__BEAT_LOCK_TIMEOUT_S": "3", **backend})
    store = Store(f"sqlite:///{tmp_path / '.agentfleet' / 'agentfleet.db'}")
    env = {**service_env, **backend}
    return Production(tmp_path / "checkout", bob, store, env, f"http://{KEY}@127.0.0.1:{port}/1", tmp_path)


def _comments(production: Production, number: int) -> list[str]:
    return forge_record(production.store, "checkout", number).comments


def _prs(production: Production) -> list[PullRequest]:
    return [to_pull_request(row) for row in listing(production.store, "checkout")]


def _trust_line(production: Production) -> list[str]:
    out = production.cli("trust", "--no-sync")
    return next(line for line in out.splitlines() if line.startswith("checkout     fix_error")).split()


def test_a_deployed_fix_with_no_recurrence_is_verified_after_the_window(production: Production) -> None:
    # Given the fleet's fix for Bob's crash, merged on the local forge
    merge = production.fix_merged()
    # When the service is deployed with the merge as its release, and handles the same orders
    deployed = production.run(merge)
    assert deployed.returncode == 0, deployed.stderr
    # Then the fix is deployed, and after the 3-second window without a recurrence it is verified
    assert production.verdict("deployed").outputs["deployed_by"] == f"release {merge!r}"
    verified = production.verdict("verified")
    assert verified.outputs["pr"] == 1
    assert any("**held** in production" in c for c in _comments(production, 1))
    # And trust shows it: merged 1, verified 1
    assert _trust_line(production)[3:9] == ["1", "0", "1", "0", "0", "0"]


def test_the_same_crash_from_a_release_with_the_fix_reopens_the_work_with_the_old_patch_marked_tried(
    production: Production,
) -> None:
    # Given the fix merged, then Bob inlines his lookup again in a later commit
    merge = production.fix_merged()
    first = work.load_job(production.store, next(iter(ledger.recent(production.store, stage="deliver"))).key or "")
    assert first is not None
    assert first.patch is not None
    fixed = "".join(production.fixed_lines())
    again = production.commit("checkout/pricing.py", fixed, BUGGY_LINE, "Inline the tier lookup again")
    # When that release (it contains the merge) crashes the same way in production
    assert "IndexError" in production.run(again).stderr
    # Then the fix did not hold: ledger, comment, and the work reopened as run 2 with the old patch marked tried
    regressed = production.verdict("regressed")
    assert regressed.outputs["reopened"] is True
    assert any("**did not hold**" in c for c in _comments(production, 1))
    key = regressed.key or ""

    def second_run_delivered() -> bool:
        job = work.load_job(production.store, key)
        return job is not None and job.run == 2 and job.delivery is not None

    wait_for(second_run_delivered, 240, "the reopened run to be delivered")
    job = work.load_job(production.store, key)
    assert job is not None
    (tried,) = job.item.tried
    assert (tried.pr_number, tried.merge_sha, tried.release) == (1, merge, again)
    # And the repair engine did not propose the patch that did not hold (its only plausible one): the reopened
    # run ends in an honest report on the forge, not in the same PR again
    assert job.patch is None
    assert job.no_fix is not None
    assert "were merged before and did not hold" in job.no_fix.reason
    assert job.delivery is not None
    assert job.delivery.state.value == "reported"
    assert [pr.number for pr in _prs(production)] == [1]
    assert "## Tried before, did not hold in production" in Path(job.delivery.url.removeprefix("file://")).read_text()
    assert _trust_line(production)[3:9] == ["1", "0", "0", "1", "0", "0"]


def test_a_new_crash_in_a_line_the_fix_changed_gets_a_revert_pr(production: Production) -> None:
    # Given the fix merged, then Alice accepts fractional quantities (Decimal) in a later commit
    merge = production.fix_merged()
    later = production.commit(
        "checkout/cart.py", 'int(i["quantity"])', 'Decimal(str(i["quantity"]))', "Accept fractional quantities"
    )
    # When that release runs: a TypeError in bulk_discount, on the very line the fix rewrote
    crash = production.run(later)
    assert "TypeError" in crash.stderr, crash.stderr
    # Then the fix made it worse: a ready revert PR (phase 3) that says why, never merged
    caused = production.verdict("caused")
    assert caused.outputs["revert_pr"] == 2
    pr = production.cli("pr", "show", "2")
    assert "open " in pr.splitlines()[0]
    assert "agentfleet/revert/" in pr
    assert "`checkout/pricing.py:13` in `bulk_discount`" in pr
    diff = production.cli("pr", "diff", "2")
    assert all(f"-{line}" in diff for line in production.fixed_lines()), diff
    assert f"+{BUGGY_LINE}" in diff
    record = forge_record(production.store, "checkout", 2)
    assert (record.state, record.draft) == (PRState.OPEN.value, False)
    assert any("Proposed revert: #2" in c for c in _comments(production, 1))
    assert merge in caused.outputs["merge_sha"]
    assert _trust_line(production)[3:9] == ["1", "0", "0", "0", "1", "0"]
