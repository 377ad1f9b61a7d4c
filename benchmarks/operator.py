"""Operator views: how fast ``agentfleet status`` answers with Redis down, and the dashboard and ``reports
list`` over a store with many finished runs. Prints the figures (docs/performance.md, "Operator views").

    python benchmarks/operator.py [--runs 2000] [--repeat 5]

Fills a SQLite store with ``--runs`` finished runs (a mix of PRs, rejections, no-fix results, reports and
failures, each with its ledger rows), then times: the ``status`` command as a process with Redis
unreachable (the trial's 14 s), the dashboard's overview and one key's timeline (in-process ASGI), and
``reports list`` as a process.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from starlette.testclient import TestClient

from agentfleet.contracts import (
    Check,
    Delivery,
    DeliveryState,
    ErrorEvidence,
    FixError,
    GateDecision,
    Job,
    NoFix,
    Verdict,
)
from agentfleet.core.childenv import child_environment
from agentfleet.core.context import Context
from agentfleet.core.settings import Settings
from agentfleet.dashboard.app import create_app
from agentfleet.dashboard.config import DashboardConfig
from agentfleet.store import ledger, work
from agentfleet.tasks.verdicts import delivered, fixed, gated, investigated

_RESULTS = ("pr", "reject", "no_fix", "report", "failed")


def _job(n: int) -> Job:
    error = ErrorEvidence(exception_type="KeyError", exception_value=f"'sku-{n}'")
    item = FixError(repo=f"svc{n % 5}", base_commit="a" * 40, fingerprint=f"err:{n}", error=error)
    result = _RESULTS[n % len(_RESULTS)]
    checks = (Check(name="test_suite", passed=result != "reject", evidence="suite"),)
    verdict = {"pr": Verdict.PR, "reject": Verdict.REJECT}.get(result, Verdict.REPORT)
    decision = GateDecision(verdict=verdict, checks=checks, reasons=(f"reason {n}",))
    state = {"pr": DeliveryState.OPEN, "reject": DeliveryState.SKIPPED}.get(result, DeliveryState.REPORTED)
    delivery = Delivery(key=item.key, forge="local", repo=item.repo, state=state, pr_number=n, branch=item.branch)
    no_fix = NoFix(author="repair", reason="no candidate passed") if result == "no_fix" else None
    return Job(item=item, decision=decision, delivery=delivery, no_fix=no_fix)


def _outcomes(job: Job) -> list[tuple[str, str]]:
    """Each stage's ledger outcome for ``job``, as the stage runner writes them."""
    stages = (("investigate", investigated), ("fix", fixed), ("gate", gated), ("deliver", delivered))
    return [("triage", "queued"), *((stage, str(verdict(job))) for stage, verdict in stages)]


def fill(ctx: Context, runs: int) -> str:
    """``runs`` finished runs with their ledger rows; returns one key."""
    for n in range(runs):
        job = _job(n)
        work.claim(ctx.store, job, run_id="bench", cooldown_s=0, stale_s=3600)
        for stage, outcome in _outcomes(job):
            ledger.append(ctx.store, stage=stage, outcome=outcome, repo=job.item.repo, key=job.key, duration_ms=10)
        work.finish(ctx.store, job, failed=n % len(_RESULTS) == 4)
    return _job(0).key


def _timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="af-operator-"))
    (home / "fleet.toml").write_text("".join(f'[[repos]]\nname = "svc{i}"\nlocation = "."\n' for i in range(5)))
    ctx = Context.from_settings(Settings(data_dir=home / ".agentfleet", fleet_file=home / "fleet.toml"))
    started = time.perf_counter()
    key = fill(ctx, args.runs)
    print(f"filled {args.runs} runs in {time.perf_counter() - started:.1f}s")
    env = child_environment({"AGENTFLEET_HOME": str(home), "AGENTFLEET_REDIS_URL": "redis://127.0.0.1:1/0"})

    def cli(*argv: str) -> None:
        subprocess.run([sys.executable, "-m", "agentfleet.cli", *argv], env=env, capture_output=True, timeout=120)

    print(f"status, Redis unreachable (process):  {_timed(lambda: cli('status'), args.repeat):.2f} s")
    print(f"reports list (process):               {_timed(lambda: cli('reports', 'list'), args.repeat):.2f} s")
    client = TestClient(create_app(ctx, DashboardConfig(unauthenticated=True)))
    print(f"dashboard overview (in-process):      {_timed(lambda: client.get('/'), args.repeat) * 1000:.0f} ms")
    page = f"/work/{key.replace(':', '%3A')}"
    print(f"dashboard timeline (in-process):      {_timed(lambda: client.get(page), args.repeat) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
