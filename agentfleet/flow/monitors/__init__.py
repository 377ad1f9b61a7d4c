"""Monitors: each looks at one thing in a repo and returns typed findings.

A monitor is any class built from a ``Context`` with ``scan(repo) -> list[Finding]``. Built-ins
are named in ``MONITORS``; a fleet file may also name a dotted import path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from agentfleet.core.registry import resolve

if TYPE_CHECKING:
    from agentfleet.contracts import Finding
    from agentfleet.core.context import Context
    from agentfleet.core.fleet import RepoConfig

__all__ = ["MONITORS", "Monitor", "monitor_for"]

MONITORS: dict[str, str] = {
    "heartbeat": "agentfleet.flow.monitors.heartbeat.HeartbeatMonitor",
    "errors": "agentfleet.flow.monitors.errors.ErrorsMonitor",
    "advisories": "agentfleet.flow.monitors.advisories.AdvisoriesMonitor",
}


class Monitor(Protocol):
    """Looks at one repo and reports what it found."""

    def scan(self, repo: RepoConfig) -> list[Finding]:
        """Findings for ``repo`` now; an empty list when all is well."""
        ...


def monitor_for(name: str, ctx: Context) -> Monitor:
    """Build the monitor called ``name`` (built-in or dotted path)."""
    cls = resolve(MONITORS, name, "monitor")
    monitor: Monitor = cls(ctx)
    return monitor
