"""Redis restarts under a running fleet: the worker reconnects and every stage still completes exactly once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from support import Proc, SvcFleet, free_port, launch_job, need_binary, wait_for, wait_for_delivery

from agentfleet.contracts import Heartbeat, Job
from agentfleet.store import ledger

pytestmark = [pytest.mark.redis, pytest.mark.slow]


class RestartableRedis:
    """A private redis-server that keeps its data across restarts (append-only file), on one port."""

    def __init__(self, tmp_path: Path) -> None:
        self.binary = need_binary("redis-server")
        self.dir, self.port = tmp_path / "redis-data", free_port()
        self.dir.mkdir()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc = self._start()

    def _start(self) -> Proc:
        args = ["--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.dir), "--appendonly", "yes"]
        proc = Proc([self.binary, *args], {}, self.dir / "redis.log")
        wait_for(lambda: "Ready to accept connections" in proc.output(), 15, "redis-server to start")
        return proc

    def restart(self) -> None:
        """Shut down as an operator would (SIGTERM: it writes its data), then start again on the same port."""
        self.proc.stop(timeout=15)  # SIGTERM first
        self.proc = self._start()

    def stop(self) -> None:
        self.proc.stop()


@pytest.fixture
def restartable_redis(tmp_path: Path) -> Iterator[Callable[[], RestartableRedis]]:
    servers: list[RestartableRedis] = []

    def start() -> RestartableRedis:
        servers.append(RestartableRedis(tmp_path))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def test_a_redis_restart_mid_stage_loses_nothing_and_runs_nothing_twice(
    svc_fleet: Callable[..., SvcFleet],
    start_worker: Callable[..., Proc],
    service_env: dict[str, str],
    restartable_redis: Callable[[], RestartableRedis],
) -> None:
    # Given a worker on a Redis that keeps its data, running a fix stage that takes a few seconds
    fleet = svc_fleet()
    server = restartable_redis()
    env = {**service_env, "AGENTFLEET_REDIS_URL": server.url, "AGENTFLEET_CELERY__VISIBILITY_TIMEOUT_S": "6"}
    worker = start_worker("w-redis", env=env)
    job = Job(item=Heartbeat(repo="svc", base_commit=fleet.head, fingerprint="across-restart", hold_seconds=3))
    launch_job(job.model_dump_json(), env)
    wait_for(lambda: ledger.recent(fleet.store, key=job.key, stage="fix"), 30, "the fix stage to start")
    # When Redis restarts while the stage runs
    server.restart()
    # Then the chain completes, each stage's verdict recorded once (a redelivered stage answers from its
    # snapshot), and the worker goes on: a job sent after the restart completes too
    wait_for_delivery(fleet.store, "the chain across the restart", key=job.key, timeout=90)
    rows = [(row.stage, row.outcome, row.actor) for row in reversed(ledger.recent(fleet.store, key=job.key, limit=50))]
    verdicts = [(stage, outcome) for stage, outcome, _ in rows if outcome in ledger.COMPLETED and ":" not in stage]
    assert verdicts == [("fix", "no_fix"), ("gate", "approved"), ("deliver", "reported")], rows
    after = Job(item=Heartbeat(repo="svc", base_commit=fleet.head, fingerprint="after-restart"))
    launch_job(after.model_dump_json(), env)
    wait_for_delivery(fleet.store, "a job sent after the restart", key=after.key, timeout=60)
    assert worker.alive()
    assert redis.Redis.from_url(server.url).ping()
