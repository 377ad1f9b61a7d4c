"""Fixtures for the dashboard: the real demo's fleet (its PR) plus a rejected upgrade, and a served dashboard."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from support import Proc, agentfleet_cmd, free_port, need_binary, wait_for

from agentfleet.contracts import (
    Check,
    GateDecision,
    Job,
    Patch,
    TrustPhase,
    UpgradeDependency,
    Verdict,
)
from agentfleet.core.childenv import child_environment
from agentfleet.core.context import Context
from agentfleet.core.settings import Settings
from agentfleet.flow.delivery.stage import deliver
from agentfleet.store import ledger, work

REASON = "test_suite: 2 tests fail after the upgrade that passed before (tests/test_cart.py::test_total)"
PASSWORD = "dash-s3cret"


@dataclass(frozen=True)
class DemoFleet:
    """The demo's directory after ``agentfleet demo``, with one rejected upgrade added."""

    workdir: Path
    settings: Settings
    rejected_key: str

    @property
    def env(self) -> dict[str, str]:
        """Environment pointing agentfleet processes at the demo's fleet."""
        return child_environment(
            {
                "AGENTFLEET_HOME": str(self.workdir),
                "AGENTFLEET_DASHBOARD__PASSWORD": PASSWORD,
                "AGENTFLEET_REDIS_URL": "redis://127.0.0.1:1/0",
            },
            keep_agentfleet=False,
        )


def _reject_an_upgrade(ctx: Context, base: str) -> str:
    """A security upgrade the gate rejected, run through the store as the stage runner would."""
    item = UpgradeDependency(
        repo="checkout",
        base_commit=base,
        fingerprint="advisory:requirements.txt:urllib3",
        trust_phase=TrustPhase.PR,
        package="urllib3",
        current="==1.26.4",
        target_version="1.26.18",
        manifest="requirements.txt",
    )
    checks = (Check(name="test_suite", passed=False, evidence="2 tests newly failing"),)
    decision = GateDecision(verdict=Verdict.REJECT, checks=checks, reasons=(REASON,))
    patch = Patch(base_commit=base, diff="", author="recipe:upgrade-dependency", rationale="upgrade")
    job = Job(item=item, patch=patch, decision=decision)
    _, run = work.claim(ctx.store, job, run_id="dashboard-test", cooldown_s=0, stale_s=3600)
    job = job.model_copy(update={"run": run})
    for stage, outcome in (("triage", "queued"), ("fix", "patch"), ("gate", "rejected")):
        ledger.append(ctx.store, stage=stage, outcome=outcome, repo="checkout", key=job.key)
    delivered = deliver(job, ctx)
    work.finish(ctx.store, delivered)
    ledger.append(ctx.store, stage="deliver", outcome="skipped", repo="checkout", key=job.key)
    return job.key


@pytest.fixture(scope="session")
def demo_fleet(tmp_path_factory: pytest.TempPathFactory) -> DemoFleet:
    """``agentfleet demo`` run once for the session (its PR), then a rejected upgrade added to its store."""
    need_binary("redis-server")
    root = tmp_path_factory.mktemp("dashboard-demo")
    done = subprocess.run(
        agentfleet_cmd("demo", "--dir", str(root / "demo")),
        env=child_environment({}, keep_agentfleet=False),
        cwd=root,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    workdir = root / "demo"
    settings = Settings(data_dir=workdir / ".agentfleet", fleet_file=workdir / "fleet.toml")
    ctx = Context.from_settings(settings)
    base = subprocess.run(["git", "rev-parse", "HEAD"], cwd=workdir / "checkout", capture_output=True, text=True)
    key = _reject_an_upgrade(ctx, base.stdout.strip())
    ctx.store.dispose()
    return DemoFleet(workdir, settings, key)


@pytest.fixture
def serve_dashboard(tmp_path: Path) -> Iterator[Callable[[DemoFleet], str]]:
    """Factory: ``agentfleet dashboard`` on a demo fleet, as a real process; returns its base URL."""
    procs: list[Proc] = []

    def serve(fleet: DemoFleet) -> str:
        port = free_port()
        proc = Proc(agentfleet_cmd("dashboard", "--port", str(port)), fleet.env, tmp_path / "dashboard.log")
        procs.append(proc)
        url = f"http://127.0.0.1:{port}"

        def answers() -> bool:
            try:
                return httpx.get(url, timeout=1).status_code == 401
            except httpx.TransportError:
                return not proc.alive()

        wait_for(answers, 30, "the dashboard to listen")
        assert proc.alive(), proc.output()
        return url

    yield serve
    for proc in procs:
        proc.stop()
