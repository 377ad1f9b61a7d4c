"""The counters and histograms agentfleet's processes update (import after ``exporter.prepare`` in a worker)."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

__all__ = [
    "GATE_CHECKS",
    "GATE_VERDICTS",
    "INGEST_REQUESTS",
    "SANDBOX_ACQUIRE",
    "STAGE_DURATION",
    "observe_sandbox_acquire",
]

_MINUTES = (0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800)

STAGE_DURATION = Histogram(
    "agentfleet_stage_duration_seconds",
    "Time a task took, by stage (monitor, investigate, fix, gate, deliver) and Celery state.",
    ["stage", "state"],
    buckets=_MINUTES,
)
GATE_CHECKS = Counter(
    "agentfleet_gate_checks", "Gate checks run, by check and result (pass/fail).", ["check", "result"]
)
GATE_VERDICTS = Counter("agentfleet_gate_verdicts", "Gate decisions, by work kind and verdict.", ["kind", "verdict"])
SANDBOX_ACQUIRE = Histogram(
    "agentfleet_sandbox_acquire_seconds",
    "Time from asking for a sandbox to holding a ready one, by backend.",
    ["backend"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300),
)
INGEST_REQUESTS = Counter(
    "agentfleet_ingest_requests",
    "Error-ingest requests, by result (accepted/refused) and HTTP status.",
    ["result", "status"],
)


def observe_sandbox_acquire(backend: str, seconds: float) -> None:
    """Record one sandbox acquisition."""
    SANDBOX_ACQUIRE.labels(backend=backend).observe(seconds)
