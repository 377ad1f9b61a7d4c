"""Docs findings as a plain-text table for dry runs: each symbol's change, then each stale place."""

from __future__ import annotations

from agentfleet.contracts import DocsEvidence, Finding
from agentfleet.flow.monitors.docs_drift.describe import describe_change

__all__ = ["docs_table"]


def docs_table(found: list[Finding]) -> str:
    """One block per finding: ``severity symbol: change``, then ``file:line  check/action  message`` lines."""
    lines = []
    for finding in found:
        evidence = finding.evidence
        assert isinstance(evidence, DocsEvidence)
        lines.append(f"{finding.severity.value:<7} {describe_change(evidence.changes[0])}")
        for item in evidence.inconsistencies:
            where = f"{item.file}:{item.line}" if item.line else item.file or "-"
            lines.append(f"  {where:<28} {item.check + '/' + item.action:<20} {item.message}")
    return "\n".join(lines)
