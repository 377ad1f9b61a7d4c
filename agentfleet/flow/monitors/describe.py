"""Plain-text tables of findings for dry runs; a finding kind may register a richer table."""

from __future__ import annotations

from collections.abc import Callable

from agentfleet.advisories.table import advisory_table
from agentfleet.contracts import Finding, FindingKind
from agentfleet.flow.monitors.coverage.findings import coverage_table
from agentfleet.flow.monitors.docs_drift.table import docs_table
from agentfleet.flow.monitors.quality.findings import quality_table

__all__ = ["DESCRIBERS", "describe"]

DESCRIBERS: dict[FindingKind, Callable[[list[Finding]], str]] = {
    FindingKind.ADVISORY: advisory_table,
    FindingKind.COVERAGE: coverage_table,
    FindingKind.DOCS: docs_table,
    FindingKind.QUALITY: quality_table,
}
"""Finding kind → a function rendering that kind's findings as a table."""


def _generic(found: list[Finding]) -> str:
    lines = [f"{'severity':<9} {'kind':<10} {'fingerprint':<40} title"]
    lines += [f"{f.severity.value:<9} {f.kind.value:<10} {f.fingerprint[:40]:<40} {f.title}" for f in found]
    return "\n".join(lines)


def describe(found: list[Finding]) -> str:
    """A readable table of ``found``, grouped by kind; says so when nothing was found."""
    if not found:
        return "no findings"
    parts = []
    for kind in FindingKind:
        group = [f for f in found if f.kind is kind]
        if group:
            parts.append(DESCRIBERS.get(kind, _generic)(group))
    return "\n\n".join(parts)
