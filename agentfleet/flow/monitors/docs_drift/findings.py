"""An audit's result as findings: one per symbol, fingerprinted by the symbol and its new signature."""

from __future__ import annotations

from agentfleet.contracts import ApiChange, DocsEvidence, Finding, FindingKind, Severity, stable_hash
from agentfleet.flow.monitors.docs_drift.audit import AuditReport
from agentfleet.flow.monitors.docs_drift.describe import describe_change

__all__ = ["evidence_of", "finding_for", "fingerprint"]


def fingerprint(change: ApiChange) -> str:
    """``docs:<symbol>:<hash of its new signature>``: the same drift stays one finding across runs."""
    return f"docs:{change.symbol[:150]}:{stable_hash(change.change, change.new or change.old, length=12)}"


def evidence_of(report: AuditReport) -> list[DocsEvidence]:
    """One evidence per changed symbol that has at least one inconsistency."""
    out = []
    for change in report.changes:
        issues = report.inspection.issues.get(change.symbol, [])
        if issues:
            items = tuple(sorted((i.item for i in issues), key=lambda i: (i.file, i.line, i.check)))
            out.append(
                DocsEvidence(
                    symbols=(change.symbol,), since_commit=report.base, changes=(change,), inconsistencies=items
                )
            )
    return out


def finding_for(evidence: DocsEvidence, repo: str, head: str) -> Finding:
    """The finding for one symbol's evidence, observed at ``head``."""
    change = evidence.changes[0]
    stale = [i for i in evidence.inconsistencies if i.check != "no_update"]
    count = len(evidence.inconsistencies)
    title = f"docs drift: {describe_change(change)} ({count} inconsistenc{'y' if count == 1 else 'ies'})"
    return Finding(
        kind=FindingKind.DOCS,
        repo=repo,
        fingerprint=fingerprint(change),
        severity=Severity.MEDIUM if stale else Severity.LOW,
        title=title[:300],
        evidence=evidence,
        commit=head,
    )
