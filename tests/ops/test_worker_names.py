"""Two workers for the same queue on one host each get their own node name (Celery warned and ``status``
counted one)."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from support import Proc, agentfleet_cmd, wait_for

pytestmark = [pytest.mark.redis, pytest.mark.slow]


def test_default_node_names_are_unique_per_worker_process(
    spawn: Callable[..., Proc], service_env: dict[str, str], tmp_path: Path
) -> None:
    # Given two workers started the same way, with no --hostname
    (tmp_path / "fleet.toml").write_text("")
    workers = [spawn(agentfleet_cmd("worker", "-Q", "delivery", "-c", "1"), f"w{i}") for i in (1, 2)]
    for proc in workers:
        wait_for(lambda p=proc: "ready." in p.output() or not p.alive(), 60, "a worker to start")
        assert proc.alive(), proc.output()[-2000:]
    # When an operator asks for the status
    status = subprocess.run(
        agentfleet_cmd("status", "--timeout", "3"), env=service_env, capture_output=True, text=True, timeout=60
    )
    # Then both are counted, each under its own name, and neither was told its name is taken
    assert "workers: 2" in status.stdout, status.stdout
    names = {line.split()[0] for line in status.stdout.splitlines() if line.startswith("  agentfleet-delivery-")}
    assert names == {f"agentfleet-delivery-{proc.pid}@{socket.gethostname()}" for proc in workers}
    for proc in workers:
        assert "DuplicateNodenameWarning" not in proc.output()
