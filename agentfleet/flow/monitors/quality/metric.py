"""The number a rule reads for one function, measured from text alone: what the refactor fixer aims at and the
refactor gate recomputes (``complexity`` 14 → 9, ``maintainability`` 8.1 → 12.4)."""

from __future__ import annotations

from agentfleet.flow.monitors.quality.audit import function_metrics, maintainability, measure
from agentfleet.flow.monitors.quality.config import QualityConfig

__all__ = ["better", "metric_of"]


def metric_of(rule: str, text: str, path: str, qualname: str, conf: QualityConfig) -> float | None:
    """``rule``'s value for ``qualname`` in ``text`` (``None``: the function is gone or the file does not parse)."""
    if rule == "maintainability":
        return maintainability(text)
    if rule == "duplication":
        measured = measure({path: text}, conf).functions.get((path, qualname))
        return None if measured is None else float(measured.metrics.duplicate_lines)
    m = function_metrics(path, text, qualname, conf)
    if m is None:
        return None
    value = {
        "complexity": m.complexity,
        "nesting": m.nesting,
        "length": m.lines,
        "ruff": len(m.ruff),
    }.get(rule)
    return None if value is None else float(value)


def better(rule: str, before: float | None, after: float | None) -> bool:
    """``after`` is a measurable improvement on ``before`` (higher for maintainability, lower for the rest)."""
    if before is None or after is None:
        return False
    return after > before if rule == "maintainability" else after < before
