"""Monitors: each looks at one thing in a repo and returns typed findings.

A monitor is a class whose constructor takes the ``Context`` (``MonitorFactory``) and whose instances
have ``scan(repo) -> list[Finding]`` (``Monitor``), and optionally ``verify(repo, found)``: the post-merge
step a recorded run makes after its scan (``flow/verification``). Built-ins are named in ``MONITORS``; a fleet file
may also name a dotted import path. Which work a monitor's findings start is the work-kind table's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from agentfleet.core.registry import resolve

if TYPE_CHECKING:
    from agentfleet.contracts import Finding
    from agentfleet.core.context import Context
    from agentfleet.core.fleet import RepoConfig

__all__ = ["MONITORS", "Monitor", "MonitorFactory", "monitor_for"]

MONITORS: dict[str, str] = {
    "heartbeat": "agentfleet.flow.monitors.heartbeat.HeartbeatMonitor",
    "errors": "agentfleet.flow.monitors.errors.ErrorsMonitor",
    "advisories": "agentfleet.flow.monitors.advisories.AdvisoriesMonitor",
    "docs": "agentfleet.flow.monitors.docs.DocsMonitor",
    "coverage": "agentfleet.flow.monitors.coverage.monitor.CoverageMonitor",
    "quality": "agentfleet.flow.monitors.quality.monitor.QualityMonitor",
}


class Monitor(Protocol):
    """Looks at one repo and reports what it found."""

    def scan(self, repo: RepoConfig) -> list[Finding]:
        """Findings for ``repo`` now; an empty list when all is well."""
        ...


class MonitorFactory(Protocol):
    """What a monitor class (a ``MONITORS`` entry or a dotted path) must be: callable with the context."""

    def __call__(self, ctx: Context) -> Monitor:
        """A monitor for one run."""
        ...


def monitor_for(name: str, ctx: Context) -> Monitor:
    """Build the monitor called ``name`` (built-in or dotted path)."""
    factory: MonitorFactory = resolve(MONITORS, name, "monitor")
    return factory(ctx)
