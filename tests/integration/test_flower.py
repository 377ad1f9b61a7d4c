"""``agentfleet flower`` serves Flower with basic auth and lists the fleet's workers."""

from __future__ import annotations

import subprocess
from collections.abc import Callable

import httpx
import pytest
from support import Proc, agentfleet_cmd, free_port, wait_for

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
