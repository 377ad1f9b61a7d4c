"""The deployment files are valid and agree with each other and with the code: Kubernetes manifests against
the Kubernetes schemas (kubernetes-validate) and KEDA's (vendored), compose against docker-compose's own
schema, Services that reach pods, and a Grafana dashboard that asks only for metrics agentfleet exports."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml
from support import need_binary

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
KEDA = json.loads((K8S / "schemas" / "keda-v1alpha1.json").read_text())


def _documents() -> list[dict[str, Any]]:
    return [d for path in sorted(K8S.glob("*.yaml")) for d in yaml.safe_load_all(path.read_text()) if d]


@pytest.mark.parametrize("doc", _documents(), ids=lambda d: f"{d['kind']}/{d['metadata']['name']}")
def test_every_manifest_validates_against_its_schema(doc: dict[str, Any]) -> None:
    if doc["apiVersion"].startswith("keda.sh/"):
        jsonschema.validate(doc, KEDA[doc["kind"]])
    else:
        kubernetes_validate.validate(doc, kubernetes_validate.latest_version(), strict=True)


def test_a_schema_catches_a_misspelled_field() -> None:
    scaled = next(d for d in _documents() if d["kind"] == "ScaledObject")
    broken = {**scaled, "spec": {**scaled["spec"], "maxReplicas": 3}}
    with pytest.raises(jsonschema.ValidationError, match="maxReplicas"):
        jsonschema.validate(broken, KEDA["ScaledObject"])
    deployment = next(d for d in _documents() if d["kind"] == "Deployment")
    broken = {**deployment, "spec": {**deployment["spec"], "replica": 2}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, kubernetes_validate.latest_version(), strict=True)


def test_services_reach_pods_and_keda_names_the_redis_service() -> None:
    docs = _documents()
    pods = [d["spec"]["template"] for d in docs if d["kind"] == "Deployment"]
    services = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Service"}
    for name, service in services.items():
        selector = service["spec"]["selector"]
        matching = [p for p in pods if selector.items() <= p["metadata"]["labels"].items()]
        assert matching, f"Service {name} selects no pod"
        ports = {p["containerPort"] for pod in matching for c in pod["spec"]["containers"] for p in c.get("ports", [])}
        assert {p["targetPort"] for p in service["spec"]["ports"]} <= ports, name
    assert {"redis", "agentfleet-ingest", "agentfleet-flower", "agentfleet-dashboard"} <= set(services)
    for scaled in (d for d in docs if d["kind"] == "ScaledObject"):
        host, port = scaled["spec"]["triggers"][0]["metadata"]["address"].split(":")
        assert host in services, f"KEDA's trigger names {host}, which no Service provides"
        assert int(port) in {p["port"] for p in services[host]["spec"]["ports"]}


def test_compose_files_are_valid_for_docker_compose(tmp_path: Path) -> None:
    binary = need_binary("docker-compose")
    files = ["-f", str(ROOT / "deploy/docker-compose.yml"), "-f", str(ROOT / "deploy/docker-compose.offline.yml")]
    (tmp_path / ".env").write_text("")
    env = {**os.environ, "REDIS_PASSWORD": "r", "POSTGRES_PASSWORD": "p"}
    done = subprocess.run(
        [binary, *files, "--project-directory", str(tmp_path), "config"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    services = yaml.safe_load(done.stdout)["services"]
    assert services["redis"]["entrypoint"][0] == "redis-server"
    assert {"dashboard", "flower", "ingest"} <= set(services)


def _exported() -> set[str]:
    """Every series name agentfleet's exporters can produce."""
    from prometheus_client import REGISTRY

    import agentfleet.metrics.instruments  # noqa: F401 (registers the instruments)
    from agentfleet.metrics import collectors

    suffixes = {"counter": ("_total",), "histogram": ("_bucket", "_count", "_sum")}
    names = {
        f"{family.name}{suffix}"
        for family in REGISTRY.collect()
        if family.name.startswith("agentfleet_")
        for suffix in suffixes.get(family.type, ("",))
    }
    names |= set(re.findall(r'"(agentfleet_[a-z_]+)"', Path(collectors.__file__).read_text()))
    return names


def test_the_grafana_dashboard_asks_only_for_exported_metrics() -> None:
    dashboard = json.loads((ROOT / "deploy" / "grafana-dashboard.json").read_text())
    asked = {
        name
        for panel in dashboard["panels"]
        for t in panel["targets"]
        for name in re.findall(r"agentfleet_\w+", t["expr"])
    }
    assert asked, "the dashboard queries nothing"
    assert asked <= _exported(), asked - _exported()
