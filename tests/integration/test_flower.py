"""``agentfleet flower`` serves Flower with basic auth, lists the fleet's workers and shows what each stage did."""

from __future__ import annotations

import subprocess
from collections.abc import Callable

import httpx
import pytest
from support import Proc, SvcFleet, agentfleet_cmd, free_port, launch_job, wait_for

from agentfleet.contracts import Heartbeat, Job

pytestmark = [pytest.mark.redis, pytest.mark.slow]


def test_flower_lists_workers_for_credentials_and_refuses_without(
    start_worker: Callable[..., Proc], spawn: Callable[..., Proc]
) -> None:
    # Given a worker and Flower with a password from settings
    start_worker("w-flower")
    port = free_port()
    flower = spawn(agentfleet_cmd("flower", "--port", str(port)), "flower", {"AGENTFLEET_FLOWER__PASSWORD": "s3cret"})
    api = f"http://127.0.0.1:{port}/api/workers"

    def workers() -> dict | None:
        try:
            reply = httpx.get(api, auth=("admin", "s3cret"), timeout=2)
        except httpx.TransportError:
            return None
        return reply.json() if reply.status_code == 200 and reply.json() else None

    # When asked with the right credentials, Flower lists the worker
    listed = wait_for(workers, 60, "Flower to list the worker", interval=0.5)
    assert any(name.startswith("w-flower@") for name in listed)
    # and reads the queues on the broker
    lengths = httpx.get(f"http://127.0.0.1:{port}/api/queues/length", auth=("admin", "s3cret"), timeout=5)
    assert lengths.status_code == 200, lengths.text
    assert {q["name"] for q in lengths.json()["active_queues"]} >= {"monitors", "agents", "gate", "delivery"}
    # Without credentials, or with wrong ones, it refuses
    assert httpx.get(api, timeout=2).status_code == 401
    assert httpx.get(api, auth=("admin", "guess"), timeout=2).status_code == 401
    assert httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 401
    assert "s3cret" not in " ".join(flower.args), "the password never appears in the process list"


def test_flower_will_not_start_unauthenticated_by_default(service_env: dict[str, str]) -> None:
    done = subprocess.run(agentfleet_cmd("flower"), env=service_env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "AGENTFLEET_FLOWER__PASSWORD" in done.stderr


def test_flower_turns_task_events_on_and_shows_what_each_stage_did(
    svc_fleet: Callable[..., SvcFleet],
    start_worker: Callable[..., Proc],
    spawn: Callable[..., Proc],
    service_env: dict[str, str],
) -> None:
    # Given a worker sending no task events (the default) and Flower started after it
    fleet = svc_fleet()
    start_worker("w-events")
    port = free_port()
    flower = spawn(agentfleet_cmd("flower", "--port", str(port)), "flower", {"AGENTFLEET_FLOWER__PASSWORD": "s3cret"})
    wait_for(lambda: "task events turned on in 1 running worker(s)" in flower.output(), 60, "Flower to enable events")
    # When a heartbeat job runs through the pipeline
    job = Job(item=Heartbeat(repo="svc", base_commit=fleet.head, fingerprint="seen-in-flower"))
    launch_job(job.model_dump_json(), service_env)

    def stage_tasks() -> dict[str, dict] | None:
        try:
            listed = httpx.get(f"http://127.0.0.1:{port}/api/tasks", auth=("admin", "s3cret"), timeout=2).json()
        except (httpx.TransportError, ValueError):
            return None
        done = {t["name"]: t for t in listed.values() if t.get("state") == "SUCCESS"}
        return done if {"agentfleet.fix", "agentfleet.gate", "agentfleet.deliver"} <= set(done) else None

    # Then Flower lists each stage task with the job's repo, kind and key, and the stage's verdict
    tasks = wait_for(stage_tasks, 60, "Flower to show the three stage tasks", interval=0.5)
    verdicts = {"agentfleet.fix": "no_fix", "agentfleet.gate": "approved", "agentfleet.deliver": "reported"}
    for name, verdict in verdicts.items():
        shown = tasks[name]
        assert "'repo': 'svc'" in shown["kwargs"], shown
        assert "'kind': 'heartbeat'" in shown["kwargs"], shown
        assert f"'key': '{job.key}'" in shown["kwargs"], shown
        assert f"{name.removeprefix('agentfleet.')} {verdict}: {job.key} run 1" in shown["result"], shown
    # And when Flower stops, the workers stop sending events again
    flower.stop()
    assert "task events turned off again in 1 worker(s)" in flower.output()
