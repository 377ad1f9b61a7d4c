"""The deployment files agree with the code: every queue has workers, scaling and enough grace time."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from agentfleet.tasks.queues import QUEUE_LIMITS, Queue

ROOT = Path(__file__).resolve().parents[2]


def _docs(name: str) -> list[dict]:
    return [d for d in yaml.safe_load_all((ROOT / "deploy" / "k8s" / name).read_text()) if d]


def test_every_queue_has_a_deployment_running_its_pool() -> None:
    deployments = {d["metadata"]["name"]: d for d in _docs("workers.yaml")}
    for queue in Queue:
        spec = deployments[f"agentfleet-worker-{queue.value}"]["spec"]["template"]["spec"]
        assert spec["containers"][0]["command"] == ["workers/worker.sh", queue.value]
        grace = spec.get("terminationGracePeriodSeconds", 30)
        assert grace >= QUEUE_LIMITS[queue].hard, f"{queue}: a stopping pod must be able to finish its longest task"


def test_keda_scales_each_queue_on_its_own_list() -> None:
    scaled = {d["spec"]["scaleTargetRef"]["name"]: d for d in _docs("keda.yaml") if d["kind"] == "ScaledObject"}
    for queue in Queue:
        obj = scaled[f"agentfleet-worker-{queue.value}"]
        assert obj["spec"]["triggers"][0]["metadata"]["listName"] == queue.value
        if obj["spec"].get("minReplicaCount", 1) == 0:
            assert obj["spec"]["cooldownPeriod"] >= QUEUE_LIMITS[queue].hard


def test_the_pool_table_covers_every_queue_and_nothing_else() -> None:
    script = (ROOT / "workers" / "worker.sh").read_text()
    cases = set(re.findall(r"^  (\w+)\)", script, flags=re.M))
    assert cases == {q.value for q in Queue}


def test_compose_runs_a_worker_per_queue_and_two_beats() -> None:
    services = yaml.safe_load((ROOT / "deploy" / "docker-compose.yml").read_text())["services"]
    for queue in Queue:
        assert services[f"worker-{queue.value}"]["entrypoint"] == ["workers/worker.sh", queue.value]
    assert services["beat"]["deploy"]["replicas"] == 2
