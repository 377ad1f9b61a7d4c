"""The operator commands: ``check-config``, ``status`` and ``ledger`` against real Redis and a real worker."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from support import Proc, SvcFleet, agentfleet_cmd, make_repo, wait_for_delivery

from agentfleet.store import ledger

pytestmark = pytest.mark.redis


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(agentfleet_cmd(*args), env=env, capture_output=True, text=True, timeout=120)


def test_check_config_reports_every_check_and_fails_on_an_unreachable_repo(
    tmp_path: Path, write_fleet: Callable[[str], Path], service_env: dict[str, str]
) -> None:
    make_repo(tmp_path / "svc", {"app.py": "x = 1\n"})
    write_fleet('[[repos]]\nname = "svc"\nlocation = "svc"\nmonitors.heartbeat = {}\n')
    good = run(service_env, "check-config")
    assert good.returncode == 0, good.stdout + good.stderr
    expected = ("ok   fleet file:", "ok   schedule: 1 monitor runs", "ok   redis:", "ok   repo svc:", "sandbox")
    for line in expected:
        assert line in good.stdout
    # a repo whose location does not exist fails its check, and the command exits non-zero
    write_fleet('[[repos]]\nname = "gone"\nlocation = "nowhere"\n')
    bad = run(service_env, "check-config")
    assert bad.returncode == 1
    assert "FAIL repo gone:" in bad.stdout


def test_a_broken_fleet_file_stops_every_command_with_file_field_and_reason(
    write_fleet: Callable[[str], Path], service_env: dict[str, str]
) -> None:
    path = write_fleet('[[repos]]\nname = "svc"\nlocation = "."\ntrust = { fix_error = 9 }\n')
    for args in (("check-config",), ("audit", "svc", "heartbeat"), ("beat",), ("worker", "-Q", "agents")):
        done = run(service_env, *args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert f"fleet file {path} is invalid" in done.stderr
        assert "repos[0].trust.fix_error: Input should be 1, 2, 3 or 4 (got 9)" in done.stderr
        assert "Traceback" not in done.stderr
    # status still shows the queues (that is when operators need them) and says the file is broken
    status = run(service_env, "status", "--timeout", "0.5")
    assert status.returncode == 0
    assert f"fleet file: INVALID — fleet file {path} is invalid" in status.stdout
    assert "queues:" in status.stdout


def test_status_and_ledger_show_workers_queues_and_what_ran(
    svc_fleet: Callable[..., SvcFleet], start_worker: Callable[..., Proc], service_env: dict[str, str]
) -> None:
    # Given a worker and a heartbeat that went through the pipeline
    store = svc_fleet().store
    start_worker("w-status", queues="monitors,agents,gate,delivery")
    assert run(service_env, "audit", "svc", "heartbeat").returncode == 0
    wait_for_delivery(store, "the heartbeat")
    # When an operator asks
    status = run(service_env, "status", "--timeout", "3")
    rows = [json.loads(line) for line in run(service_env, "ledger", "--json", "--key", "").stdout.splitlines()]
    # Then status names the queues, the worker and its queues, and the finished work
    assert status.returncode == 0, status.stderr
    for line in (
        "monitors   0",
        "agents     0",
        "workers: 1",
        "w-status@",
        "[agents, delivery, gate, monitors]",
        "work: done=1",
        "findings: 1",
    ):
        assert line in status.stdout
    # And the ledger shows every hop, newest first, with durations
    assert [(r["stage"], r["outcome"]) for r in rows if r["outcome"] != "started"] == [
        ("deliver", "reported"),
        ("gate", "approved"),
        ("fix", "no_fix"),
        ("fix:passthrough", "no_fix"),
        ("monitor", "ok"),
        ("triage", "queued"),
    ]
    assert all(r["duration_ms"] is not None for r in rows if r["outcome"] in ledger.COMPLETED)
    # And it filters by outcome (an alert's query); the canary's rows show only when asked for (--all)
    assert run(service_env, "ledger", "--outcome", "queued", "--json").stdout == ""
    queued = run(service_env, "ledger", "--outcome", "queued", "--json", "--all").stdout.splitlines()
    assert [json.loads(line)["stage"] for line in queued] == ["triage"]
