"""Measure source files and decide what is debt: the quality monitor's analysis, also the gate's (pure, static).

``measure`` reads files (path → text) and returns every function's ``QualityMetrics``, each module's
maintainability index and the repository's clone groups, with the problems met (files that do not parse,
generated files, dynamic functions) and the files the time budget left unread. ``debts`` turns that into
``Debt``: one per function crossing a threshold (all its rules, the main one first), one per clone group.
"""

from __future__ import annotations

import ast
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from radon.metrics import mi_compute, mi_parameters, mi_visit

from agentfleet.analysis.functions import FunctionSpan, functions_in
from agentfleet.contracts import ClonePlace, QualityMetrics
from agentfleet.core.errors import PermanentError
from agentfleet.flow.monitors.quality.clones import Block, CloneGroup, blocks_of, find_clones
from agentfleet.flow.monitors.quality.config import RULES, QualityConfig
from agentfleet.flow.monitors.quality.lint import Lint, lint
from agentfleet.flow.monitors.quality.shape import generated, nesting, skip_reason, statement_lines

__all__ = ["Audit", "Measured", "function_metrics", "long_statement", "maintainability", "measure"]

log = logging.getLogger(__name__)

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass
class Measured:
    """One function's metrics; ``skipped`` says why it must not be refactored (it is never debt then)."""

    path: str
    function: FunctionSpan
    metrics: QualityMetrics
    skipped: str | None = None

    def crossed(self, conf: QualityConfig) -> list[str]:
        """The function-level rules it crosses, in ``RULES`` order (duplication and maintainability aside)."""
        m = self.metrics
        found = {
            "complexity": m.complexity > conf.max_complexity,
            "nesting": m.nesting > conf.max_nesting,
            "length": m.lines > conf.max_function_lines,
            "ruff": bool(m.ruff),
        }
        return [rule for rule in RULES if found.get(rule)]


@dataclass
class Audit:
    """What ``measure`` read."""

    functions: dict[tuple[str, str], Measured] = field(default_factory=dict)
    """(path, qualified name) → its measurement."""
    maintainability: dict[str, float] = field(default_factory=dict)
    clones: list[CloneGroup] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    """Files the time budget left for the next audit."""

    def in_file(self, path: str) -> list[Measured]:
        """The functions of ``path``, in file order."""
        return sorted((m for (p, _), m in self.functions.items() if p == path), key=lambda m: m.function.start)


_MAX_STATEMENT_LINES = 400
"""Longest statement radon's line count is given: it tokenizes a statement again for each line it adds (quadratic),
so wcwidth's 4,838-line ``table_zero.py`` took it minutes; a data table has no function debt to find."""


def long_statement(tree: ast.Module) -> tuple[int, int] | None:
    """(first line, lines) of a simple statement longer than ``_MAX_STATEMENT_LINES``, if the module has one."""
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and not hasattr(node, "body") and node.end_lineno is not None:
            lines = node.end_lineno - node.lineno + 1
            if lines > _MAX_STATEMENT_LINES:
                return node.lineno, lines
    return None


def maintainability(text: str) -> float | None:
    """radon's maintainability index of a module (``None`` when radon cannot read it or a statement is too long for
    it to read in time)."""
    try:
        if long_statement(ast.parse(text)) is not None:
            return None
        return round(float(mi_visit(text, multi=True)), 2)
    except (SyntaxError, ValueError, TypeError, ZeroDivisionError, RecursionError):
        return None


def _best_maintainability(text: str, worst: int) -> float:
    """The index ``text`` would have were its most complex function (``worst``) left with no branch: the most
    rewriting the function that carries the rule can reach; helpers it moves code into still count in the module
    (arrow's ``locales.py``: 6,485 lines of data tables and many small methods, 0.0 either way)."""
    volume, complexity, sloc, comments = mi_parameters(text, count_multi=True)
    return float(mi_compute(volume, complexity - (worst - 1), sloc, comments))


def _metrics(
    path: str, node: ast.FunctionDef | ast.AsyncFunctionDef, span: FunctionSpan, linted: Lint
) -> QualityMetrics:
    codes = {d.code for d in linted.findings.get(path, []) if span.start <= d.row <= span.end}
    return QualityMetrics(
        complexity=linted.complexity.get(path, {}).get(span.def_line, 1),
        lines=statement_lines(node),
        nesting=nesting(node),
        ruff=tuple(sorted(codes)),
    )


def function_metrics(path: str, text: str, qualname: str, conf: QualityConfig) -> QualityMetrics | None:
    """One function's complexity, length, nesting and ruff codes (no module or clone figures); ``None`` when
    it is not there or the file does not parse."""
    try:
        spans = [s for s in functions_in(text) if s.qualname == qualname]
    except (SyntaxError, ValueError):
        return None
    if not spans:
        return None
    span = spans[-1]  # the last definition is the one the name is bound to (earlier ones: @overload stubs)
    node = next(n for n in ast.walk(ast.parse(text)) if isinstance(n, _DEFS) and n.lineno == span.def_line)
    return _metrics(path, node, span, lint({path: text}, conf.rules, conf.target_version))


def _read(path: str, text: str, conf: QualityConfig, linted: Lint, found: Audit) -> list[Block]:
    marker = generated(text, conf.generated_markers)
    if marker is not None:
        found.problems.append(f"{path}: generated code ({marker!r} in its first lines), not read")
        return []
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError) as exc:
        found.problems.append(f"{path}: does not parse ({type(exc).__name__} line {getattr(exc, 'lineno', '?')})")
        return []
    spans = functions_in(text)
    nodes = {(n.lineno, n.name): n for n in ast.walk(tree) if isinstance(n, _DEFS)}
    mi = maintainability(text)
    long = long_statement(tree)
    if long is not None:
        found.problems.append(
            f"{path}: line {long[0]} starts a statement of {long[1]:,} lines (a data table?): maintainability not "
            f"measured (radon's line count takes a time quadratic in it)"
        )
    worst = max(linted.complexity.get(path, {}).values(), default=1)
    best = _best_maintainability(text, worst) if mi is not None and mi < conf.min_maintainability else 100.0
    if best < conf.min_maintainability:
        found.problems.append(
            f"{path}: maintainability {mi} under {conf.min_maintainability:g}, {best:.1f} at best with its most "
            "complex function branch-free: only a split can lift it (no function's debt)"
        )
    elif mi is not None:
        found.maintainability[path] = mi
    for span in spans:
        node = nodes.get((span.def_line, span.name))
        if node is None:
            continue
        metrics = _metrics(path, node, span, linted).model_copy(update={"maintainability": mi})
        found.functions[(path, span.qualname)] = Measured(path, span, metrics, skip_reason(node))
    return blocks_of(path, tree, spans)


def _with_duplicates(found: Audit) -> None:
    counted: dict[tuple[str, str], int] = {}
    for group in found.clones:
        for place in group.places:
            key = (place.path, place.function)
            counted[key] = counted.get(key, 0) + group.lines
    for key, lines in counted.items():
        if key in found.functions:
            measured = found.functions[key]
            measured.metrics = measured.metrics.model_copy(update={"duplicate_lines": lines})


def measure(texts: Mapping[str, str], conf: QualityConfig, *, deadline: float | None = None) -> Audit:
    """Metrics of every function in ``texts`` (path → source) and the clones among them; files not read
    before ``deadline`` (``time.monotonic()``) are listed in ``unread``."""
    found = Audit()
    try:
        linted = lint(texts, conf.rules, conf.target_version)
    except PermanentError as exc:  # ruff could not read these files: measure the rest, say what is missing
        linted = Lint()
        found.problems.append(f"ruff failed, complexity and ruff rules not measured: {str(exc)[:300]}")
    blocks: list[Block] = []
    for path, text in texts.items():
        if deadline is not None and time.monotonic() > deadline:
            found.unread.append(path)
            continue
        try:
            blocks += _read(path, text, conf, linted, found)
        except (RecursionError, MemoryError):
            found.problems.append(f"{path}: too deeply nested to read, not measured")
    found.clones = [
        CloneGroup(g.key, g.lines, tuple(p for p in g.places if not _skipped(found, p)))
        for g in find_clones(blocks, conf.min_duplicate_lines)
    ]
    found.clones = [g for g in found.clones if len(g.places) >= 2]
    _with_duplicates(found)
    log.debug("quality measured files=%d functions=%d clones=%d", len(texts), len(found.functions), len(found.clones))
    return found


def _skipped(found: Audit, place: ClonePlace) -> bool:
    measured = found.functions.get((place.path, place.function))
    return measured is None or measured.skipped is not None
