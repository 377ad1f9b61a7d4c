"""Uncovered code → findings: one per function, fingerprinted by path, qualified name and source hash."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from agentfleet.analysis.functions import FunctionSpan, functions_in
from agentfleet.contracts import CoverageEvidence, Finding, FindingKind, Severity, stable_hash
from agentfleet.flow.monitors.coverage.measure import Arc, FileCoverage

__all__ = ["Gap", "coverage_table", "finding_for", "fingerprint", "gap_of", "gaps_in"]

_SAFE = re.compile(r"^[A-Za-z0-9._:/@+-]+$")


@dataclass(frozen=True)
class Gap:
    """One function's target: its changed (or, in threshold mode, all) lines and branches no test runs."""

    path: str
    function: FunctionSpan
    lines: tuple[int, ...]
    branches: tuple[Arc, ...]
    covered: int
    total: int

    @property
    def share(self) -> float:
        """Covered share of the counted lines and branches (coverage.py's branch formula)."""
        return self.covered / self.total if self.total else 1.0


def gap_of(path: str, function: FunctionSpan, cov: FileCoverage, lines: set[int] | None) -> Gap | None:
    """``function``'s gap on ``lines`` (all its body when ``None``), or ``None`` when tests run all of it."""
    statements = function.body_lines(cov.statements)
    counted = statements if lines is None else statements & lines
    branches = {a for a in cov.branches if a[0] in counted}
    missing = tuple(sorted(counted & cov.missing))
    untaken = tuple(sorted(branches & cov.untaken))
    total = len(counted) + len(branches)
    if not total or not (missing or untaken):
        return None
    covered = total - len(missing) - len(untaken)
    return Gap(path, function, missing, untaken, covered, total)


def gaps_in(
    path: str, source: str, cov: FileCoverage, changed: set[int] | None, threshold: float, whole: float | None
) -> list[Gap]:
    """Functions of ``path`` below ``threshold`` on their ``changed`` lines and branches; with ``whole``, also
    functions below that share overall. ``SyntaxError`` when ``source`` does not parse."""
    found = []
    replaced = _replaced(source)
    for function in functions_in(source):
        if replaced.get(function.qualname.split(".")[0], 0) > function.end:
            continue  # a fallback copy: callers reach what replaced it, no test reaches this one
        gap = gap_of(path, function, cov, changed) if changed is not None else None
        if gap is not None and gap.share < threshold:
            found.append(gap)
            continue
        overall = gap_of(path, function, cov, None) if whole is not None else None
        if overall is not None and whole is not None and overall.share < whole:
            found.append(overall)
    return found


def _replaced(source: str) -> dict[str, int]:
    """Top-level names an import or a later ``def``/``class`` binds again (``try: from .fast import OMD`` after
    ``class OMD``), with the line of their last binding: the module's callers get that one."""
    last: dict[str, int] = {}
    todo = list(ast.parse(source).body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                name = alias.asname or alias.name.split(".")[0]
                last[name] = max(last.get(name, 0), node.lineno)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            last[node.name] = max(last.get(node.name, 0), node.lineno)
        elif isinstance(node, ast.If | ast.Try | ast.With):
            todo += [*node.body, *getattr(node, "orelse", []), *getattr(node, "finalbody", [])]
            todo += [s for handler in getattr(node, "handlers", []) for s in handler.body]
    return last


def fingerprint(gap: Gap) -> str:
    """``coverage:<path>:<qualname>:<source hash>``, hashed when the path has characters a key may not hold."""
    key = f"coverage:{gap.path}:{gap.function.qualname}:{gap.function.source_hash}"
    if _SAFE.match(key) and len(key) <= 200:
        return key
    return f"coverage:{stable_hash(gap.path, gap.function.qualname, length=24)}:{gap.function.source_hash}"


def finding_for(gap: Gap, repo: str, head: str, since: str) -> Finding:
    """The finding for ``gap`` on ``repo`` at commit ``head``."""
    what = f"{len(gap.lines)} line(s) and {len(gap.branches)} branch(es)"
    where = f"{gap.path}::{gap.function.qualname}"
    return Finding(
        kind=FindingKind.COVERAGE,
        repo=repo,
        fingerprint=fingerprint(gap),
        severity=Severity.LOW,
        title=f"no test runs {what} of {where}"[:300],
        evidence=CoverageEvidence(
            path=gap.path,
            lines=gap.lines,
            function=gap.function.qualname,
            span=(gap.function.start, gap.function.end),
            branches=gap.branches,
            covered=gap.covered,
            since=since,
        ),
        commit=head,
    )


def _ranges(lines: tuple[int, ...]) -> str:
    """``9-11, 14``."""
    spans: list[list[int]] = []
    for n in sorted(lines):
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in spans)


def coverage_table(found: list[Finding]) -> str:
    """Coverage findings as a plain-text table for dry runs: the function, the share of its changed lines and
    branches tests run, and what no test runs."""
    lines = [f"{'severity':<9} {'place':<48} {'changed, run':<16} not run"]
    for finding in found:
        e = finding.evidence
        assert isinstance(e, CoverageEvidence)
        total = e.covered + len(e.lines) + len(e.branches)
        share = f"{e.covered}/{total} run ({e.covered / total:.0%})" if total else "-"
        arcs = ", ".join(f"{a}->{b if b > 0 else 'exit'}" for a, b in e.branches)
        missing = [f"lines {_ranges(e.lines)}" if e.lines else "", f"branches {arcs}" if arcs else ""]
        place = f"{e.path}::{e.function}"
        lines.append(f"{finding.severity.value:<9} {place:<48} {share:<16} {', '.join(m for m in missing if m)}")
    return "\n".join(lines)
