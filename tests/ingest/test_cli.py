"""``agentfleet ingest``: refuses a broken fleet at start; its grouper process never outlives it."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from errors_kit import KEY
from support import Proc, agentfleet_cmd, free_port, wait_for

from agentfleet.ingest.config import IngestConfig

pytestmark = [pytest.mark.redis, pytest.mark.slow]


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().rpartition(")")[2].split()[0] != "Z"


def test_a_dsn_key_claimed_by_two_repos_stops_the_start(
    write_fleet: Callable[[str], Path], spawn: Callable[..., Proc]
) -> None:
    repo = f'location = "."\n[repos.errors]\ndsn_keys = ["{KEY}"]\n'
    write_fleet(f'[[repos]]\nname = "a"\n{repo}[[repos]]\nname = "b"\n{repo}')
    proc = spawn(agentfleet_cmd("ingest", "--port", str(free_port())), "ingest")
    assert proc.popen.wait(60) == 2
    assert "listed under errors.dsn_keys of both 'a' and 'b'" in proc.output()


def test_the_grouper_yields_the_cpu_to_requests_and_ends_with_the_server(
    write_fleet: Callable[[str], Path], spawn: Callable[..., Proc]
) -> None:
    write_fleet(f'[[repos]]\nname = "svc"\nlocation = "."\n[repos.errors]\ndsn_keys = ["{KEY}"]\n')
    server = spawn(agentfleet_cmd("ingest", "--port", str(free_port())), "ingest")
    wait_for(lambda: "grouper started" in server.output(), 60, "the grouper to start")
    (grouper,) = _children(server.pid)
    niceness = os.getpriority(os.PRIO_PROCESS, grouper) - os.getpriority(os.PRIO_PROCESS, server.pid)
    assert niceness == IngestConfig().grouper_nice
    # SIGKILL gives the server no chance to clean up: the grouper notices on its own
    os.kill(server.pid, signal.SIGKILL)
    wait_for(lambda: not _alive(grouper), 15, "the orphaned grouper to stop")


def test_two_http_workers_accept_real_http(write_fleet: Callable[[str], Path], spawn: Callable[..., Proc]) -> None:
    import httpx
    from errors_kit import ENVELOPE_HEADERS, capture, gz, sdk

    write_fleet(f'[[repos]]\nname = "svc"\nlocation = "."\n[repos.errors]\ndsn_keys = ["{KEY}"]\n')
    port = free_port()
    server = spawn(agentfleet_cmd("ingest", "--port", str(port), "--workers", "2"), "ingest")
    wait_for(lambda: server.output().count("Application startup complete") == 2, 60, "two workers to start")
    assert server.output().count("Started server process") == 2
    with sdk() as sent:
        capture(lambda: int("x"))
    answers = [
        httpx.post(f"http://127.0.0.1:{port}/api/1/envelope/", content=gz(sent[0]), headers=ENVELOPE_HEADERS)
        for _ in range(4)
    ]
    assert [a.status_code for a in answers] == [200] * 4
