"""Workers die, messages are malformed: every task still completes exactly once and workers keep going."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import redis
from support import Proc, SvcFleet, launch_job, run_client, wait_for, wait_for_delivery

from agentfleet.contracts import Heartbeat, Job
from agentfleet.core.settings import CeleryConfig, Settings
from agentfleet.store import deliveries, ledger
from agentfleet.tasks.config import celery_config

pytestmark = [pytest.mark.redis, pytest.mark.slow]

QUICK_REDELIVERY = {"AGENTFLEET_CELERY__VISIBILITY_TIMEOUT_S": "6"}
"""Short enough for a test, longer than any stage here (as in production: above the longest hard limit)."""
SWEEP_MUTEX_S = celery_config(Settings(celery=CeleryConfig(visibility_timeout_s=6)))["broker_transport_options"][
    "unacked_mutex_expire"
]
"""How long a worker killed mid-sweep blocks the other workers' redelivery sweeps, with QUICK_REDELIVERY."""


def held_job(fleet: SvcFleet, hold: float, fingerprint: str = "drill:1") -> Job:
    item = Heartbeat(repo="svc", base_commit=fleet.head, fingerprint=fingerprint, hold_seconds=hold)
    return Job(item=item)


def test_a_worker_killed_mid_task_is_redelivered_and_completes_once(
    svc_fleet: Callable[..., SvcFleet], start_worker: Callable[..., Proc], service_env: dict[str, str]
) -> None:
    # Given a worker running a long fix stage
    fleet = svc_fleet()
    store = fleet.store
    doomed = start_worker("doomed", env=QUICK_REDELIVERY)
    job = held_job(fleet, hold=2)
    launch_job(job.model_dump_json(), service_env)
    started = wait_for(lambda: ledger.recent(store, key=job.key, stage="fix", limit=1), 30, "the fix stage to start")
    assert "@doomed@" in started[0].actor
    # When that worker is killed with SIGKILL (process group: no chance to requeue), in the worst case
    # mid-sweep holding the redelivery mutex, and another starts
    doomed.kill()
    doomed.popen.wait(10)
    redis.Redis.from_url(service_env["AGENTFLEET_REDIS_URL"]).set("unacked_mutex", "doomed", ex=SWEEP_MUTEX_S)
    start_worker("survivor", env=QUICK_REDELIVERY)
    # Then the task is redelivered to the survivor and the chain completes exactly once
    wait_for_delivery(store, "the redelivered chain", key=job.key)
    rows = ledger.recent(store, key=job.key, limit=100)
    fix_rows = [(r.outcome, r.actor.rsplit("@", 2)[-2]) for r in reversed(rows) if r.stage == "fix"]
    assert fix_rows == [("started", "doomed"), ("started", "survivor"), ("ok", "survivor")]
    assert [r.outcome for r in rows if r.stage == "deliver"].count("ok") == 1
    assert deliveries.get(store, job.key) is not None


SEND_BAD = """
from agentfleet.tasks.celery_app import app
bad = app.send_task("agentfleet.fix", args=[{"item": {"kind": "heartbeat", "repo": "svc"}}])
print(bad.id)
app.send_task("agentfleet.fix", args=[{"nothing": "useful"}], serializer="pickle")
app.send_task("agentfleet.no_such_task", args=[1])
with app.connection_for_write() as conn:
    conn.default_channel.client.lpush("agents", b"\\x00\\xffnot even json")
"""

RESULT = """
import sys
from agentfleet.tasks.celery_app import app
r = app.AsyncResult(sys.argv[1])
print(r.state, repr(r.result))
"""


def test_malformed_messages_are_refused_and_the_worker_keeps_working(
    svc_fleet: Callable[..., SvcFleet], start_worker: Callable[..., Proc], service_env: dict[str, str]
) -> None:
    # Given a running worker
    fleet = svc_fleet()
    store = fleet.store
    worker = start_worker()
    # When it receives an invalid payload, a pickle message, an unknown task and raw garbage
    bad_id = run_client(SEND_BAD, service_env).splitlines()[0]
    state = wait_for(
        lambda: (
            (out := run_client(RESULT.replace("sys.argv[1]", repr(bad_id)), service_env)).startswith("FAILURE") and out
        ),
        30,
        "the invalid payload to fail",
    )
    # Then the invalid payload fails naming the fields and is recorded; pickle and garbage are refused
    assert "PermanentError" in state
    assert "invalid payload for agentfleet.fix: item.heartbeat.base_commit: Field required" in state
    wait_for(lambda: "untrusted content of type pickle" in worker.output(), 30, "pickle to be refused")
    wait_for(lambda: "agentfleet.no_such_task" in worker.output(), 30, "the unknown task to be reported")
    wait_for(lambda: "dropped a broker message that is not a task envelope" in worker.output(), 30, "garbage dropped")
    [refused] = ledger.recent(store)
    assert (refused.stage, refused.outcome) == ("payload", "refused")
    # And the next valid job still completes on the same worker
    job = held_job(fleet, hold=0, fingerprint="after-garbage")
    launch_job(job.model_dump_json(), service_env)
    wait_for_delivery(store, "a valid job after garbage", key=job.key)
    assert worker.alive()
