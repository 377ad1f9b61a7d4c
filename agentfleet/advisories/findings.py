"""Audit entries as ``Finding``s: stable fingerprints, readable titles, typed evidence."""

from __future__ import annotations

import re

from agentfleet.advisories.audit import AuditEntry
from agentfleet.contracts import AdvisoryEvidence, Finding, FindingKind, stable_hash

__all__ = ["finding_for", "fingerprint_for"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._:/@+-]")


def fingerprint_for(entry: AuditEntry) -> str:
    """``advisory:<manifest>:<package>``: one finding (and one PR) per declaration, updated as advisories change."""
    dep = entry.dependency
    fingerprint = f"advisory:{_UNSAFE.sub('_', dep.manifest)}:{dep.key}"
    return fingerprint if len(fingerprint) <= 200 else f"advisory:{stable_hash(dep.manifest, dep.key)}"


def _title(entry: AuditEntry) -> str:
    dep = entry.dependency
    count = len(entry.advisories)
    what = f"{dep.key} {entry.version} ({dep.manifest}): {count} advisor{'y' if count == 1 else 'ies'}"
    if entry.fixed_version:
        return f"{what}; upgrade to {entry.fixed_version}"
    return f"{what}; no upgrade: {entry.note}"[:300]


def finding_for(entry: AuditEntry, repo: str, commit: str | None) -> Finding:
    """The ``advisory`` finding for ``entry`` in ``repo`` at ``commit``."""
    dep = entry.dependency
    return Finding(
        kind=FindingKind.ADVISORY,
        repo=repo,
        fingerprint=fingerprint_for(entry),
        severity=entry.severity,
        title=_title(entry),
        evidence=AdvisoryEvidence(
            package=dep.key,
            current=dep.current,
            manifest=dep.manifest,
            advisories=entry.advisories,
            fixed_version=entry.fixed_version,
            note="" if entry.fixed_version else entry.note,
        ),
        commit=commit,
    )
