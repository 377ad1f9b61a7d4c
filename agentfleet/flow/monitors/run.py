"""Run one monitor on one repo and triage what it found (plain code; the task and the CLI call it)."""

from __future__ import annotations

import logging
import time
from dataclasses import replace

from agentfleet.contracts import Finding, MonitorRun
from agentfleet.core.context import Context
from agentfleet.flow.monitors import monitor_for
from agentfleet.flow.triage.stage import TriageResult, triage
from agentfleet.store import ledger
from agentfleet.store.dry import DryRunStore

__all__ = ["run_monitor", "scan"]

log = logging.getLogger(__name__)


def scan(ctx: Context, repo_name: str, monitor_name: str) -> list[Finding]:
    """Findings of ``monitor_name`` on ``repo_name`` now, recording nothing (dry runs): the monitor works on a
    ``DryRunStore``, which rolls back whatever state it keeps."""
    dry = replace(ctx, store=DryRunStore(ctx.store))
    return monitor_for(monitor_name, dry).scan(dry.repo(repo_name))


def run_monitor(ctx: Context, repo_name: str, monitor_name: str, *, run_id: str) -> tuple[MonitorRun, TriageResult]:
    """Scan, run the monitor's ``verify`` step when it has one (merged changes judged in production; dry runs
    skip it), triage, and record the run in the ledger; the caller launches ``TriageResult.jobs``."""
    started = time.monotonic()
    repo = ctx.repo(repo_name)
    monitor = monitor_for(monitor_name, ctx)
    found = monitor.scan(repo)
    if (after := getattr(monitor, "verify", None)) is not None:  # the post-merge step on this schedule
        after(repo, found)
    result = triage(ctx, repo, found, run_id=run_id)
    run = MonitorRun(
        repo=repo.name,
        monitor=monitor_name,
        run_id=run_id,
        findings=len(found),
        started=tuple(job.key for job in result.jobs),
        counted=len(result.counted),
        held=tuple(f"{fp}: {why}" for fp, why in result.held),
        unactionable=len(result.unactionable),
        duration_s=round(time.monotonic() - started, 3),
    )
    ledger.append(
        ctx.store,
        stage="monitor",
        outcome="ok",
        repo=repo.name,
        actor=run_id,
        duration_ms=int(run.duration_s * 1000),
        inputs={"monitor": monitor_name},
        outputs=run.model_dump(mode="json", exclude={"schema_version"}),
    )
    log.info("monitor=%s repo=%s findings=%d started=%d", monitor_name, repo.name, run.findings, len(run.started))
    return run, result
