"""The dry-run table of advisory findings: affected dependencies and the proposed upgrades."""

from __future__ import annotations

from agentfleet.advisories.refs import DEFAULTED
from agentfleet.contracts import AdvisoryEvidence, Finding

__all__ = ["advisory_table"]

_HEADERS = ("severity", "package", "current", "manifest", "advisories", "upgrade to")


def _ids(evidence: AdvisoryEvidence, limit: int = 3) -> str:
    ids = [a.id for a in evidence.advisories]
    shown = ", ".join(ids[:limit])
    return f"{shown} (+{len(ids) - limit})" if len(ids) > limit else shown


_UNSTATED = "*"
"""Marks a severity no advisory stated (the PR spells it out: ``medium (default: not stated)``)."""


def _severity(finding: Finding, evidence: AdvisoryEvidence) -> str:
    """The finding's severity, marked ``*`` when it is the default because no advisory states one."""
    stated = any(a.severity and DEFAULTED not in a.severity for a in evidence.advisories)
    return finding.severity.value if stated else finding.severity.value + _UNSTATED


def advisory_table(found: list[Finding]) -> str:
    """One row per affected declaration; rows without an upgrade carry the reason under them."""
    rows: list[tuple[str, ...]] = []
    reasons: dict[int, str] = {}
    for finding in sorted(found, key=lambda f: (f.evidence.package, f.evidence.manifest)):  # type: ignore[union-attr]
        evidence = finding.evidence
        assert isinstance(evidence, AdvisoryEvidence)
        if evidence.fixed_version is None:
            reasons[len(rows)] = evidence.note
        upgrade = evidence.fixed_version or "-"
        rows.append(
            (
                _severity(finding, evidence),
                evidence.package,
                evidence.current,
                evidence.manifest,
                _ids(evidence),
                upgrade,
            )
        )
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(_HEADERS)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(_HEADERS, widths, strict=True)).rstrip()]
    for index, row in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if index in reasons:
            lines.append(f"    no upgrade: {reasons[index]}")
    if any(r[0].endswith(_UNSTATED) for r in rows):
        lines.append(f"{_UNSTATED} severity not stated by any advisory: the configured default is shown")
    upgrades = sum(1 for r in rows if r[-1] != "-")
    lines.append(f"{len(rows)} affected declaration(s), {upgrades} with a proposed upgrade; nothing was changed")
    return "\n".join(lines)
