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
    assert fix_rows == [("started", "doomed"), ("started", "survivor"), ("no_fix", "survivor")]
    assert [r.outcome for r in rows if r.stage == "deliver"].count("reported") == 1
    assert deliveries.get(store, job.key) is not None


SEND_BAD = """
from agentfleet.tasks.celery_app import app
app.send_task("agentfleet.fix", kwargs={"key": "svc:heartbeat:x", "run": "first"})
app.send_task("agentfleet.fix", args=[{"nothing": "useful"}], serializer="pickle")
app.send_task("agentfleet.no_such_task", args=[1])
with app.connection_for_write() as conn:
    conn.default_channel.client.lpush("agents", b"\\x00\\xffnot even json")
"""


def test_malformed_messages_are_refused_and_the_worker_keeps_working(
    svc_fleet: Callable[..., SvcFleet], start_worker: Callable[..., Proc], service_env: dict[str, str]
) -> None:
    # Given a running worker
    fleet = svc_fleet()
    store = fleet.store
    worker = start_worker()
    # When it receives an invalid payload, a pickle message, an unknown task and raw garbage
    run_client(SEND_BAD, service_env)
    # Then the invalid payload fails naming the fields and is recorded; pickle and garbage are refused
    refused = wait_for(lambda: ledger.recent(store, stage="payload"), 30, "the invalid payload to be refused")
    assert [(r.stage, r.outcome) for r in ledger.recent(store)] == [("payload", "refused")]
    error = "invalid payload for agentfleet.fix: run: Input should be a valid integer, unable to parse string"
    assert refused[0].outputs["error"].startswith(error)
    wait_for(lambda: error in worker.output(), 30, "the worker to log the refusal")
    wait_for(lambda: "untrusted content of type pickle" in worker.output(), 30, "pickle to be refused")
    wait_for(lambda: "agentfleet.no_such_task" in worker.output(), 30, "the unknown task to be reported")
    wait_for(lambda: "dropped a broker message that is not a task envelope" in worker.output(), 30, "garbage dropped")
    # And the next valid job still completes on the same worker
    job = held_job(fleet, hold=0, fingerprint="after-garbage")
    launch_job(job.model_dump_json(), service_env)
    wait_for_delivery(store, "a valid job after garbage", key=job.key)
    assert worker.alive()


LOST_FIX = """
from agentfleet.contracts import Job
from agentfleet.core.context import get_context
from agentfleet.store import work
from agentfleet.tasks.celery_app import app
job = Job.model_validate_json({job!r})
claim, run = work.claim(get_context().store, job, run_id="test", cooldown_s=0, stale_s=3600)
app.send_task("agentfleet.gate", kwargs={{"key": job.key, "run": run}}, parent_id="the-fix-whose-commit-was-lost")
"""


def test_a_completion_lost_before_it_reached_the_disk_relaunches_the_chain(
    svc_fleet: Callable[..., SvcFleet], start_worker: Callable[..., Proc], service_env: dict[str, str]
) -> None:
    # Given a running worker, and a key whose fix stage completed and sent the gate's message, but whose
    # completion the database lost (it commits without waiting for its flush; the power went)
    fleet = svc_fleet()
    start_worker()
    job = held_job(fleet, hold=0, fingerprint="lost-fix")
    # When the gate's message arrives, as the fix stage sent it
    run_client(LOST_FIX.format(job=job.model_dump_json()), service_env)
    # Then the gate relaunches the chain from the fix stage, which completes once
    wait_for_delivery(fleet.store, "the relaunched chain", key=job.key)
    rows = [(r.stage, r.outcome) for r in reversed(ledger.recent(fleet.store, key=job.key, limit=100))]
    assert rows[0] == ("gate", "relaunched")
    verdicts = [(stage, outcome) for stage, outcome in rows[1:] if outcome != "started" and ":" not in stage]
    assert verdicts == [("fix", "no_fix"), ("gate", "approved"), ("deliver", "reported")]
    relaunched = ledger.recent(fleet.store, key=job.key, stage="gate", outcome="relaunched")[0]
    assert "needs fix done first; done: nothing" in relaunched.outputs["error"]
