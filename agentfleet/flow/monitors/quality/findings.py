"""Debt → findings: one per place, fingerprinted by rule, path, qualified name and a hash of the code."""

from __future__ import annotations

import re

from agentfleet.contracts import Finding, FindingKind, QualityEvidence, QualityMetrics, Severity, stable_hash
from agentfleet.flow.monitors.quality.config import QualityConfig
from agentfleet.flow.monitors.quality.debts import Debt

__all__ = ["describe_metric", "evidence_of", "finding_for", "fingerprint", "quality_table"]

_SAFE = re.compile(r"^[A-Za-z0-9._:/@+-]+$")


def fingerprint(debt: Debt) -> str:
    """``quality:<rule>:<path>:<qualname>:<code hash>``, hashed when the path has characters a key may not hold."""
    key = f"quality:{debt.rule}:{debt.path}:{debt.function.qualname}:{debt.key}"
    if _SAFE.match(key) and len(key) <= 200:
        return key
    return f"quality:{debt.rule}:{stable_hash(debt.path, debt.function.qualname, length=24)}:{debt.key}"


def describe_metric(rule: str, metrics: QualityMetrics) -> str:
    """The measured value a rule reads (``14``, ``0.8 MI``, ``SIM102, RET505``)."""
    if rule == "ruff":
        return ", ".join(metrics.ruff) or "none"
    value = {
        "complexity": metrics.complexity,
        "nesting": metrics.nesting,
        "length": metrics.lines,
        "duplication": metrics.duplicate_lines,
        "maintainability": metrics.maintainability,
    }[rule]
    return str(value)


def _message(debt: Debt, conf: QualityConfig) -> str:
    parts = []
    for rule in debt.rules:
        value = describe_metric(rule, debt.metrics)
        if rule == "ruff":
            parts.append(f"ruff {value}")
        elif rule == "maintainability":
            parts.append(f"module maintainability {value} < {conf.min_maintainability:g}")
        elif rule == "duplication":
            parts.append(f"{value} lines repeated in {len(debt.clones)} places")
        else:
            parts.append(f"{rule} {value} > {conf.limit(rule):g}")
    return "; ".join(parts)


def evidence_of(debt: Debt, conf: QualityConfig, since: str) -> QualityEvidence:
    """The evidence a finding for ``debt`` carries."""
    return QualityEvidence(
        rule=debt.rule,
        path=debt.path,
        line=debt.function.start,
        message=_message(debt, conf),
        function=debt.function.qualname,
        span=(debt.function.start, debt.function.end),
        rules=debt.rules,
        metrics=debt.metrics,
        limits={rule: float(conf.limit(rule)) for rule in debt.rules},
        clones=debt.clones,
        since=since,
    )


def finding_for(evidence: QualityEvidence, fingerprint: str, repo: str, head: str, excess: float) -> Finding:
    """The finding for one place on ``repo`` at ``head`` (medium when twice past its threshold)."""
    title = f"{evidence.rule}: {evidence.path}::{evidence.function} ({evidence.message})"
    return Finding(
        kind=FindingKind.QUALITY,
        repo=repo,
        fingerprint=fingerprint,
        severity=Severity.MEDIUM if excess >= 2 else Severity.LOW,
        title=title[:300],
        evidence=evidence,
        commit=head,
    )


def quality_table(found: list[Finding]) -> str:
    """Quality findings as a plain-text table for dry runs: severity, rule, place, what was measured."""
    lines = [f"{'severity':<9} {'rule':<16} {'place':<48} measured"]
    for finding in found:
        e = finding.evidence
        assert isinstance(e, QualityEvidence)
        lines.append(f"{finding.severity.value:<9} {e.rule:<16} {f'{e.path}::{e.function}':<48} {e.message}")
    return "\n".join(lines)
