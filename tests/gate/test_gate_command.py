"""``agentfleet gate``: the real gate (bubblewrap, a real git repo and store) re-run from the command line on a
stored piece of work's patch or on another patch, recording nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import func, select
from support import fresh_process_caches

from agentfleet.cli import cli
from agentfleet.contracts import ErrorEvidence, FixError, Job, Patch, TrustPhase
from agentfleet.store import work
from agentfleet.store.models import LedgerRow
from gate.kit import FIXED, REGRESSION_TEST, TESTS, GateRepo

pytestmark = pytest.mark.bwrap

_HONEST = {"pricing.py": FIXED, "tests/test_pricing.py": TESTS + REGRESSION_TEST}
_WEAKENED = {"pricing.py": FIXED, "tests/test_pricing.py": TESTS.split("\n\n\ndef test_order_total")[0] + "\n"}
"""The fix, with the suite's test of the function it changes deleted."""


def _run(repo: GateRepo, *args: str, stdin: str | None = None) -> Result:
    settings = repo.ctx.settings
    env = {
        "AGENTFLEET_DATA_DIR": str(settings.data_dir),
        "AGENTFLEET_FLEET_FILE": str(settings.fleet_file),
        "AGENTFLEET_DATABASE_URL": settings.store_url,
        "AGENTFLEET_SANDBOX__BACKEND": "bwrap",
    }
    fresh_process_caches()
    return CliRunner(env=env).invoke(cli, ["gate", *args], input=stdin, catch_exceptions=False)


def _item(repo: GateRepo) -> FixError:
    error = ErrorEvidence(exception_type="AssertionError")
    return FixError(
        repo="svc", base_commit=repo.base, fingerprint="err-discount", trust_phase=TrustPhase.PR, error=error
    )


def _ledger_rows(repo: GateRepo) -> int:
    with repo.ctx.store.session() as session:
        return session.execute(select(func.count()).select_from(LedgerRow)).scalar_one()


def test_a_stored_works_patch_is_verified_again_and_nothing_is_recorded(gate_repo: GateRepo) -> None:
    # Given claimed work whose fixer's patch is the honest fix, saved as the pipeline saves it
    gate_repo.configure("trust.fix_error = 3")
    patch = Patch(base_commit=gate_repo.base, diff=gate_repo.diff(_HONEST), author="repair")
    job = Job(item=_item(gate_repo), patch=patch)
    work.claim(gate_repo.ctx.store, Job(item=job.item), run_id="cli-test", cooldown_s=3600, stale_s=3600)
    work.save_job(gate_repo.ctx.store, job)
    rows = _ledger_rows(gate_repo)
    # When an operator re-runs the gate on it by part of its key
    result = _run(gate_repo, "err-discount")
    # Then every check passed and the phase's verdict is printed
    assert result.exit_code == 0, result.output
    assert "verdict: pr" in result.output
    assert "FAIL" not in result.output
    assert "pass  test_suite" in result.output
    # And the store holds what it held: no ledger row, the saved job without a new decision
    assert _ledger_rows(gate_repo) == rows
    saved = work.load_job(gate_repo.ctx.store, job.key)
    assert saved is not None
    assert saved.decision is None


def test_another_patch_for_an_item_is_refused_naming_the_check(gate_repo: GateRepo, tmp_path: Path) -> None:
    # Given a work item as JSON and a patch that fixes the bug but deletes the test of the function it changes
    gate_repo.configure("trust.fix_error = 3")
    item = tmp_path / "item.json"
    item.write_text(_item(gate_repo).model_dump_json())
    # When the gate is run on it from stdin
    result = _run(gate_repo, "--item", str(item), "--patch", "-", stdin=gate_repo.diff(_WEAKENED))
    # Then it is refused, exit 1, naming the failed check and its evidence
    assert result.exit_code == 1, result.output
    assert "verdict: reject" in result.output
    failed = [line for line in result.output.splitlines() if line.strip().startswith("FAIL")]
    assert failed, result.output
    assert "test_order_total_without_discount" in result.output


def test_the_markdown_report_is_the_pr_bodys(gate_repo: GateRepo, tmp_path: Path) -> None:
    # Given the honest fix for the item, at phase 2
    gate_repo.configure("trust.fix_error = 3")
    item, patch = tmp_path / "item.json", tmp_path / "fix.diff"
    item.write_text(_item(gate_repo).model_dump_json())
    patch.write_text(gate_repo.diff(_HONEST))
    # When the report is asked for as markdown
    result = _run(gate_repo, "--item", str(item), "--patch", str(patch), "--phase", "2", "--markdown")
    # Then it is the gate report a PR carries, at the phase asked for
    assert result.exit_code == 0, result.output
    assert "## Gate report" in result.output
    assert "**Verdict:** `draft_pr`" in result.output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["no-such-work"], "names 0 pieces of work"),
        ([], "give the work's ID or --item FILE"),
        (["--item", "-"], "not a work item"),
    ],
    ids=["unknown-id", "neither-id-nor-item", "malformed-item"],
)
def test_bad_input_is_named_and_exits_2(gate_repo: GateRepo, args: list[str], says: str) -> None:
    # Given a bad command line (the malformed item comes on stdin)
    # When the gate command runs
    result = _run(gate_repo, *args, stdin='{"kind": "fix_error", "repo": 3}')
    # Then it names the problem and exits 2 without running anything
    assert result.exit_code == 2, result.output
    assert says in result.output
    assert "verifying" not in result.output


def test_an_item_of_a_repo_the_fleet_file_lacks_exits_2(gate_repo: GateRepo, tmp_path: Path) -> None:
    # Given a work item for a repo the fleet file does not name
    item = tmp_path / "item.json"
    item.write_text(_item(gate_repo).model_copy(update={"repo": "nope"}).model_dump_json())
    # When the gate command runs on it
    result = _run(gate_repo, "--item", str(item), "--patch", "-", stdin=gate_repo.diff(_HONEST))
    # Then it names the repo and the ones it knows, before any sandbox starts
    assert result.exit_code == 2, result.output
    assert "no repo named 'nope'" in result.output
    assert "known: svc" in result.output
    assert "verifying" not in result.output


def test_work_without_a_patch_asks_for_one(gate_repo: GateRepo) -> None:
    # Given claimed work whose fixer proposed nothing yet
    job = Job(item=_item(gate_repo))
    work.claim(gate_repo.ctx.store, job, run_id="cli-test", cooldown_s=3600, stale_s=3600)
    # When the gate is run on it without --patch
    result = _run(gate_repo, job.key)
    # Then it says to give one
    assert result.exit_code == 2, result.output
    assert "carries no patch" in result.output
