"""What is debt: functions over a threshold and duplicated blocks, all of it (``worst``) or what crossed a
threshold since the last audit (``new``), ranked by how far past their thresholds they are."""

from __future__ import annotations

from dataclasses import dataclass

from agentfleet.analysis.functions import FunctionSpan
from agentfleet.contracts import ClonePlace, QualityMetrics
from agentfleet.flow.monitors.quality.audit import Audit, Measured
from agentfleet.flow.monitors.quality.config import RULES, QualityConfig

__all__ = ["Debt", "debts", "new_debts"]


@dataclass(frozen=True)
class Debt:
    """One place to refactor: a function (all the rules it crosses, the main one first) or a clone group."""

    rule: str
    rules: tuple[str, ...]
    path: str
    function: FunctionSpan
    metrics: QualityMetrics
    key: str
    """What the fingerprint hashes: the function's source hash, or the clone group's digest."""
    excess: float
    """How far past the worst of its thresholds (1.5: 50 % over); the ranking."""
    clones: tuple[ClonePlace, ...] = ()


def _excess(rule: str, m: QualityMetrics, conf: QualityConfig, places: int = 2) -> float:
    if rule == "complexity":
        return m.complexity / conf.max_complexity
    if rule == "nesting":
        return m.nesting / conf.max_nesting
    if rule == "length":
        return m.lines / conf.max_function_lines
    if rule == "duplication":
        return m.duplicate_lines / conf.min_duplicate_lines * (places - 1)
    if rule == "maintainability":
        return conf.min_maintainability / max(m.maintainability or 1.0, 1.0)
    return 1.0 + len(m.ruff) / 10


def _least_maintainable(audit: Audit, conf: QualityConfig) -> dict[tuple[str, str], str]:
    """Modules below ``min_maintainability``: their most complex function (it carries the rule)."""
    found = {}
    for path, mi in audit.maintainability.items():
        if mi >= conf.min_maintainability:
            continue
        candidates = [m for m in audit.in_file(path) if m.skipped is None]
        if candidates:
            worst = max(candidates, key=lambda m: (m.metrics.complexity, m.metrics.lines))
            found[(path, worst.function.qualname)] = "maintainability"
    return found


def _function_debt(measured: Measured, rules: list[str], conf: QualityConfig) -> Debt:
    ordered = tuple(r for r in RULES if r in rules)
    m = measured.metrics
    return Debt(
        rule=ordered[0],
        rules=ordered,
        path=measured.path,
        function=measured.function,
        metrics=m,
        key=measured.function.source_hash,
        excess=max(_excess(r, m, conf) for r in ordered),
    )


def _clone_debts(audit: Audit, conf: QualityConfig) -> list[Debt]:
    found = []
    for group in audit.clones:
        first = group.places[0]
        measured = audit.functions[(first.path, first.function)]
        metrics = measured.metrics.model_copy(update={"duplicate_lines": group.lines})
        found.append(
            Debt(
                rule="duplication",
                rules=("duplication",),
                path=first.path,
                function=measured.function,
                metrics=metrics,
                key=group.key,
                excess=_excess("duplication", metrics, conf, len(group.places)),
                clones=group.places,
            )
        )
    return found


def debts(audit: Audit, conf: QualityConfig) -> list[Debt]:
    """Every debt in ``audit``, the worst first."""
    low = _least_maintainable(audit, conf) if conf.min_maintainability > 0 else {}
    found = []
    for key, measured in audit.functions.items():
        if measured.skipped is not None:
            continue
        rules = measured.crossed(conf) + ([low[key]] if key in low else [])
        if rules:
            found.append(_function_debt(measured, rules, conf))
    found += _clone_debts(audit, conf)
    return sorted(found, key=lambda d: (-d.excess, d.path, d.function.start, d.rule))


def _touched(span: FunctionSpan | ClonePlace, lines: set[int]) -> bool:
    start, end = (span.start, span.end)
    return any(start <= n <= end for n in lines)


def _was_debt(debt: Debt, rule: str, base: Audit, conf: QualityConfig) -> bool:
    before = base.functions.get((debt.path, debt.function.qualname))
    if before is None:
        return False
    if rule == "ruff":
        return set(debt.metrics.ruff) <= set(before.metrics.ruff)
    if rule == "maintainability":
        mi = base.maintainability.get(debt.path)
        return mi is not None and mi < conf.min_maintainability
    return rule in before.crossed(conf)


def new_debts(head: Audit, base: Audit, changed: dict[str, set[int]], conf: QualityConfig) -> list[Debt]:
    """Debt at ``head`` that crossed a threshold since ``base``: in changed code, and not over that threshold
    before (``base`` holds the changed files as they were)."""
    found = []
    for debt in debts(head, conf):
        if debt.clones:
            if any(_touched(p, changed.get(p.path, set())) for p in debt.clones):
                found.append(debt)
            continue
        if not _touched(debt.function, changed.get(debt.path, set())):
            continue
        rules = tuple(r for r in debt.rules if not _was_debt(debt, r, base, conf))
        if rules:
            found.append(_function_debt_from(debt, rules, conf))
    return found


def _function_debt_from(debt: Debt, rules: tuple[str, ...], conf: QualityConfig) -> Debt:
    if rules == debt.rules:
        return debt
    return Debt(
        rules[0],
        rules,
        debt.path,
        debt.function,
        debt.metrics,
        debt.key,
        max(_excess(r, debt.metrics, conf) for r in rules),
    )
