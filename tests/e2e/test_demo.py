"""The demo — the newcomer's first experience — runs on embedded defaults and tells the whole story."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from support import agentfleet_cmd, need_binary

from agentfleet.core.childenv import child_environment

pytestmark = [pytest.mark.slow, pytest.mark.redis]


def test_a_production_crash_becomes_a_verified_pull_request(tmp_path: Path, database_url: str | None) -> None:
    # Given a machine with redis-server and a sandbox backend, and no agentfleet settings at all (but the
    # store's URL, when the run is on PostgreSQL)
    need_binary("redis-server")
    store = {"AGENTFLEET_DATABASE_URL": database_url} if database_url else {}
    env = child_environment(store, keep_agentfleet=False)
    # When the README's demo command runs
    done = subprocess.run(
        agentfleet_cmd("demo", "--dir", str(tmp_path / "demo")),
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=240,
    )
    out = done.stdout
    # Then it finishes with a gate-approved ready PR whose diff is the right fix, and says how it got there
    assert done.returncode == 0, out + done.stderr
    for step in (
        "(started for the demo)",
        "production: the service crashed (exit 1): IndexError: tuple index out of range",
        "crash site: checkout/pricing.py:13 in bulk_discount()",
        "suspect commit:",
        "by Bob Tanaka: 'Inline the bulk discount tier lookup'",
        "reproduction: reproduced (a regression test replaying bulk_discount(quantity=60)",
        "repair fixer: patch (checkout/pricing.py, tests/test_regression_bulk_discount_",
        "verdict: pr (14/14 checks passed)",
        "open: PR #1 on branch agentfleet/fix-error/",
        "$ agentfleet pr show 1",
        "+    return TIERS[min(quantity // 10, len(TIERS) - 1)]",
        "+    bulk_discount(quantity=60)",
    ):
        assert step in out, f"missing {step!r} in:\n{out}"
    assert "✗" not in out
    # And the human can review the PR from the demo's directory, as the demo says
    listed = subprocess.run(
        agentfleet_cmd("pr", "list"), env=env, cwd=tmp_path / "demo", capture_output=True, text=True, timeout=60
    )
    assert "#1" in listed.stdout, listed.stdout + listed.stderr
    assert "agentfleet/fix-error/" in listed.stdout
    # And nothing it started is left running
    leftovers = subprocess.run(["pgrep", "-f", str(tmp_path / "demo")], capture_output=True, text=True).stdout
    assert leftovers.strip() == ""
