"""Prometheus metrics from the processes that do the work: a prefork worker (multiprocess mode), ingest, and
the sandbox factory; fleet-wide gauges read from the store and Redis at scrape time."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families
from sandboxes.kit import need_backend
from support import Proc, SvcFleet, agentfleet_cmd, free_port, make_repo, wait_for, wait_for_delivery

from agentfleet.core.context import Context
from agentfleet.core.fleet import RepoConfig
from agentfleet.sandboxes.factory import open_sandbox

KEY = "0123456789abcdef0123456789abcdef"
EVENT = {
    "level": "error",
    "exception": {
        "values": [
            {
                "type": "ValueError",
                "value": "bad",
                "stacktrace": {"frames": [{"filename": "app.py", "function": "main", "lineno": 3, "in_app": True}]},
            }
        ]
    },
}


def _samples(url: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    text = httpx.get(url, timeout=5).text
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for f in text_string_to_metric_families(text)
        for s in f.samples
    }


def _scrape(port: int) -> Callable[[], dict[tuple[str, tuple[tuple[str, str], ...]], float] | None]:
    def scrape() -> dict[tuple[str, tuple[tuple[str, str], ...]], float] | None:
        try:
            return _samples(f"http://127.0.0.1:{port}/metrics")
        except httpx.TransportError:
            return None

    return scrape


@pytest.mark.slow
def test_a_prefork_worker_exports_stage_durations_gate_checks_and_work_items(
    svc_fleet: Callable[..., SvcFleet], start_worker: Callable[..., Proc], service_env: dict[str, str]
) -> None:
    # Given a prefork worker serving /metrics, and a canary that went through every stage in its pool process
    store = svc_fleet("monitors.heartbeat = {}").store
    port = free_port()
    start_worker("w-metrics", env={"AGENTFLEET_METRICS__PORT": str(port)})
    subprocess.run(agentfleet_cmd("audit", "svc", "heartbeat"), env=service_env, check=True, timeout=60)
    wait_for_delivery(store, "the heartbeat")
    # When Prometheus scrapes the worker
    samples = wait_for(_scrape(port), 30, "the worker's /metrics")

    # Then the pool process's durations and gate counts are there, and the store's work items
    def value(name: str, **labels: str) -> float:
        return samples.get((name, tuple(sorted(labels.items()))), 0.0)

    for stage in ("fix", "gate", "deliver"):
        assert value("agentfleet_stage_duration_seconds_count", stage=stage, state="SUCCESS") >= 1, stage
    assert value("agentfleet_gate_checks_total", check="canary", result="pass") == 1
    assert sum(v for (n, labels), v in samples.items() if n == "agentfleet_gate_verdicts_total") == 1
    assert value("agentfleet_work_items", kind="heartbeat", state="done") == 1


@pytest.mark.slow
def test_ingest_exports_accepted_and_refused_requests_and_the_grouper_lag(
    write_fleet: Callable[[str], Path], spawn: Callable[..., Proc]
) -> None:
    # Given ingest serving /metrics
    write_fleet(f'[[repos]]\nname = "svc"\nlocation = "."\n[repos.errors]\ndsn_keys = ["{KEY}"]\n')
    port, metrics = free_port(), free_port()
    env = {"AGENTFLEET_METRICS__PORT": str(metrics)}
    server = spawn(agentfleet_cmd("ingest", "--port", str(port), "--no-grouper"), "ingest", env)
    wait_for(lambda: "Application startup complete" in server.output() or not server.alive(), 60, "ingest to start")
    # When one event is accepted and one refused (unknown key)
    url = f"http://127.0.0.1:{port}/api/1/store/"
    good = httpx.post(url, json=EVENT, headers={"X-Sentry-Auth": f"Sentry sentry_key={KEY}, sentry_version=7"})
    bad = httpx.post(url, json=EVENT, headers={"X-Sentry-Auth": "Sentry sentry_key=ffffffffffffffff, sentry_version=7"})
    assert (good.status_code, bad.status_code) == (200, 401)
    # Then the scrape counts both, and shows the event waiting for the (stopped) grouper
    samples = wait_for(_scrape(metrics), 30, "ingest's /metrics")
    assert samples[("agentfleet_ingest_requests_total", (("result", "accepted"), ("status", "200")))] == 1
    assert samples[("agentfleet_ingest_requests_total", (("result", "refused"), ("status", "401")))] == 1
    assert samples[("agentfleet_grouper_lag_events", ())] == 1
    assert samples[("agentfleet_grouper_lag_seconds", ())] >= 0


@pytest.mark.bwrap
def test_acquiring_a_sandbox_is_timed_per_backend(ctx: Context, tmp_path: Path) -> None:
    need_backend("bwrap")
    sha = make_repo(tmp_path / "svc", {"app.py": "x = 1\n"})
    repo = RepoConfig(name="svc", location=str(tmp_path / "svc"))
    bwrap_ctx = Context.from_settings(
        ctx.settings.model_copy(update={"sandbox": ctx.settings.sandbox.model_copy(update={"backend": "bwrap"})})
    )
    before = REGISTRY.get_sample_value("agentfleet_sandbox_acquire_seconds_count", {"backend": "bwrap"}) or 0.0
    with open_sandbox(bwrap_ctx, repo, sha):
        pass
    assert REGISTRY.get_sample_value("agentfleet_sandbox_acquire_seconds_count", {"backend": "bwrap"}) == before + 1
