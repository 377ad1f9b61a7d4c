"""``agentfleet reports`` and ``status``: work that left no pull request is visible, with its reasons."""

from __future__ import annotations

import subprocess
from collections.abc import Callable

import pytest
from delivery.kit import Fleet
from support import agentfleet_cmd

from agentfleet.contracts import Job, Verdict
from agentfleet.core.childenv import child_environment
from agentfleet.flow.delivery.stage import deliver
from agentfleet.store import ledger, work
from ops.kit import cli_env, run_cli

pytestmark = pytest.mark.redis


def _run_through(fleet: Fleet, job: Job, *, stage_fails: str | None = None) -> Job:
    """Claim ``job``'s key and finish its run as the stage runner does: delivered, or failed at a stage."""
    store = fleet.ctx.store
    _, run = work.claim(store, job, run_id="test", cooldown_s=0, stale_s=3600)
    job = job.model_copy(update={"run": run})
    if stage_fails is not None:
        error = "svc's setup command failed: pip could not resolve 'acme-sdk'"
        ledger.append(store, stage=stage_fails, outcome="failed", repo="svc", key=job.key, outputs={"error": error})
        work.finish(store, job, failed=True)
        return job
    delivered = deliver(job, fleet.ctx)
    work.finish(store, delivered)
    ledger.append(store, stage="deliver", outcome=delivered.delivery.state.value, repo="svc", key=job.key)
    return delivered


def test_rejections_failures_and_reports_are_listed_with_their_reasons(make_fleet: Callable[..., Fleet]) -> None:
    # Given, at phase 3, a rejected upgrade, a fix that failed, a phase-1 report, and a PR
    fleet = make_fleet("local", "trust.fix_error = 3\ntrust.upgrade_dependency = 3")
    rejected = fleet.job(Verdict.REJECT, fingerprint="advisory:r.txt:urllib3", kind="upgrade_dependency")
    rejected = rejected.model_copy(
        update={"decision": rejected.decision.model_copy(update={"reasons": ("test_suite: 2 tests newly fail",)})}
    )
    _run_through(fleet, rejected)
    _run_through(fleet, fleet.job(Verdict.PR, fingerprint="err-setup"), stage_fails="fix")
    reported = _run_through(fleet, fleet.job(Verdict.REPORT, fingerprint="err-report"))
    _run_through(fleet, fleet.job(Verdict.PR, fingerprint="err-add"))
    env = cli_env(fleet.ctx, fleet.ctx.settings.redis_url)
    # When an operator lists the reports
    listed = run_cli(env, "reports", "list").output
    lines = {line.split()[5]: line for line in listed.splitlines()[1:]}
    # Then each one that left no PR is there with its reasons; the PR is not (pr list has it)
    assert set(lines) == {"rejected", "failed", "reported"}, listed
    assert "upgrade_dependency  rejected  test_suite: 2 tests newly fail" in lines["rejected"]
    assert "fix failed: svc's setup command failed: pip could not resolve 'acme-sdk'" in lines["failed"]
    assert "err-add" not in listed
    # And --result narrows the list
    only = run_cli(env, "reports", "list", "--result", "failed").output.splitlines()
    assert len(only) == 2
    # When they open the rejected upgrade by its id
    ident = lines["rejected"].split()[0]
    shown = run_cli(env, "reports", "show", ident).output
    # Then they read its reasons and the whole gate report, though no report file was ever written
    assert "result:  rejected (gate: reject)" in shown
    assert "  - test_suite: 2 tests newly fail" in shown
    assert "report file: none written" in shown
    assert "## Gate report" in shown
    # And a phase-1 report names the file delivery wrote
    report = run_cli(env, "reports", "show", reported.key).output
    assert f"report file: {fleet.ctx.settings.data_dir.resolve()}/reports/svc/fix_error-" in report


def test_status_counts_outcomes_per_repo_and_kind(make_fleet: Callable[..., Fleet]) -> None:
    # Given a rejected upgrade and an opened PR today
    fleet = make_fleet("local", "trust.fix_error = 3\ntrust.upgrade_dependency = 3")
    _run_through(fleet, fleet.job(Verdict.REJECT, fingerprint="advisory:r.txt:x", kind="upgrade_dependency"))
    _run_through(fleet, fleet.job(Verdict.PR, fingerprint="err-add"))
    # When an operator asks for the status (its own process: Celery's app reads its settings once)
    env = child_environment(cli_env(fleet.ctx, fleet.ctx.settings.redis_url), keep_agentfleet=False)
    done = subprocess.run(agentfleet_cmd("status"), env=env, capture_output=True, text=True, timeout=60)
    status = done.stdout
    assert done.returncode == 0, done.stdout + done.stderr
    # Then each repo × kind shows how its stages ended
    assert "outcomes, last 24 h:" in status
    assert "  svc          fix_error           deliver: open 1" in status
    assert "  svc          upgrade_dependency  deliver: skipped 1" in status


def test_an_unknown_or_ambiguous_id_says_how_to_find_one(make_fleet: Callable[..., Fleet]) -> None:
    fleet = make_fleet("local")
    for fingerprint in ("err-a", "err-b"):
        _run_through(fleet, fleet.job(Verdict.REJECT, fingerprint=fingerprint))
    env = cli_env(fleet.ctx, fleet.ctx.settings.redis_url)
    assert "run 'agentfleet reports list' for the ids" in run_cli(env, "reports", "show", "nothing-like-it").output
    assert "names 2 pieces of work: svc:fix_error:err-" in run_cli(env, "reports", "show", "svc:fix_error").output
