"""The canary monitor: one finding per tick, proving the whole pipeline moves."""

from __future__ import annotations

from agentfleet.contracts import Finding, FindingKind, HeartbeatEvidence, Severity, utcnow
from agentfleet.core.context import Context
from agentfleet.core.fleet import RepoConfig

__all__ = ["HeartbeatMonitor"]


class HeartbeatMonitor:
    """Emits a fresh heartbeat finding each time it runs."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def scan(self, repo: RepoConfig) -> list[Finding]:
        """One low-severity finding named after the current second."""
        tick = utcnow().strftime("%Y-%m-%dT%H:%M:%S")
        return [
            Finding(
                kind=FindingKind.HEARTBEAT,
                repo=repo.name,
                fingerprint=f"heartbeat:{tick}",
                severity=Severity.LOW,
                title=f"heartbeat {tick}",
                evidence=HeartbeatEvidence(tick=tick),
            )
        ]
