"""A heartbeat travels monitor → triage → fix → gate → deliver through a real worker and Redis."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from support import Proc, agentfleet_cmd, make_repo, wait_for

from agentfleet.settings import Settings
from agentfleet.store import Store, ledger


def test_audit_runs_the_whole_chain_on_a_real_worker(
    tmp_path: Path,
    write_fleet: Callable[[str], Path],
    start_worker: Callable[..., Proc],
    spawn: Callable[..., Proc],
    service_env: dict[str, str],
) -> None:
    # Given a fleet with one repo and a running worker
    make_repo(tmp_path / "svc", {"README.md": "svc\n"})
    write_fleet('[[repos]]\nname = "svc"\nlocation = "svc"\nmonitors.heartbeat = {}\n')
    start_worker()
    # When the heartbeat monitor is run now
    audit = spawn(agentfleet_cmd("audit", "svc", "heartbeat"), "audit")
    audit.popen.wait(60)
    assert audit.popen.returncode == 0, audit.output()
    # Then the ledger shows every hop, each completed once
    store = Store(Settings(data_dir=tmp_path / ".agentfleet").store_url)

    def delivered() -> list[str]:
        return [row.stage for row in ledger.recent(store, limit=100) if row.outcome in {"ok", "queued"}]

    stages = wait_for(lambda: (s := delivered()) and "deliver" in s and s, 60, "the heartbeat to be delivered")
    assert sorted(stages) == sorted(["monitor", "triage", "fix", "gate", "deliver"])
