"""Merge OSV records that describe the same vulnerability (shared ids or aliases) into ``AdvisoryRef``s."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

from cvss import CVSS2, CVSS3, CVSS4
from cvss.exceptions import CVSSError

from agentfleet.advisories.evaluate import fixed_versions
from agentfleet.advisories.osv import OsvRecord
from agentfleet.advisories.versions import version_key
from agentfleet.contracts import AdvisoryRef, Severity

__all__ = ["DEFAULTED", "merge_records", "record_severity", "severity_of", "with_default_severity"]

_RANK = {"PYSEC": 0, "GHSA": 1, "CVE": 2}
_WORDS = {"LOW": Severity.LOW, "MODERATE": Severity.MEDIUM, "MEDIUM": Severity.MEDIUM, "HIGH": Severity.HIGH}
_WORDS["CRITICAL"] = Severity.CRITICAL
_CVSS = {"CVSS_V2": CVSS2, "CVSS_V3": CVSS3, "CVSS_V4": CVSS4}


def _score_severity(score: float) -> Severity:
    if score >= 9.0:
        return Severity.CRITICAL
    if score >= 7.0:
        return Severity.HIGH
    return Severity.MEDIUM if score >= 4.0 else Severity.LOW


def record_severity(record: OsvRecord) -> Severity | None:
    """The worst severity a record states: CVSS vectors scored, or a GHSA-style word; ``None`` if unstated."""
    found = []
    for entry in record.severity:
        cls = _CVSS.get(entry.type)
        if cls is not None:
            try:
                found.append(_score_severity(float(cls(entry.score).base_score)))
            except (CVSSError, ValueError):
                continue
    word = record.database_specific.get("severity")
    if isinstance(word, str) and word.upper() in _WORDS:
        found.append(_WORDS[word.upper()])
    return max(found, key=lambda s: s.rank) if found else None


def _stated(ref: AdvisoryRef) -> Severity | None:
    return Severity(ref.severity) if ref.severity and ref.severity in Severity._value2member_map_ else None


def severity_of(refs: Iterable[AdvisoryRef], default: Severity = Severity.MEDIUM) -> Severity:
    """The worst severity among ``refs``; ``default`` when none states one."""
    stated = [s for r in refs if (s := _stated(r)) is not None]
    return max(stated, key=lambda s: s.rank) if stated else default


DEFAULTED = "(default: not stated)"
"""Marks a severity no advisory stated, everywhere one is shown (dry run, PR, report)."""


def with_default_severity(refs: Iterable[AdvisoryRef], default: Severity) -> list[AdvisoryRef]:
    """``refs`` with each unstated severity shown as ``default`` and marked so (``medium (default: not stated)``)."""
    return [r if r.severity else r.model_copy(update={"severity": f"{default.value} {DEFAULTED}"}) for r in refs]


def _primary(ids: set[str]) -> str:
    return min(ids, key=lambda i: (_RANK.get(i.split("-", 1)[0], 9), i))


def _summary(records: list[OsvRecord]) -> str:
    for record in records:
        text = record.summary or record.details
        if text:
            first = re.split(r"(?<=[.!?])\s", " ".join(text.split()), maxsplit=1)[0]
            return textwrap.shorten(first, 200, placeholder=" …")
    return ""


def merge_records(records: Iterable[OsvRecord], package: str) -> list[AdvisoryRef]:
    """One ``AdvisoryRef`` per vulnerability: records linked by id or alias are merged, ids sorted."""
    groups: list[tuple[set[str], list[OsvRecord]]] = []
    for record in records:
        names = {record.id, *record.aliases}
        linked = [g for g in groups if g[0] & names]
        merged = (names.union(*(g[0] for g in linked)), [record, *(r for g in linked for r in g[1])])
        groups = [g for g in groups if not g[0] & names] + [merged]
    refs = []
    for names, members in groups:
        primary = _primary({r.id for r in members})
        severities = [s for r in members if (s := record_severity(r)) is not None]
        fixed = {v for r in members for v in fixed_versions(r, package)}
        refs.append(
            AdvisoryRef(
                id=primary,
                aliases=tuple(sorted(names - {primary})),
                summary=_summary(members),
                severity=max(severities, key=lambda s: s.rank).value if severities else None,
                fixed=tuple(sorted(fixed, key=version_key)),
            )
        )
    return sorted(refs, key=lambda r: r.id)
