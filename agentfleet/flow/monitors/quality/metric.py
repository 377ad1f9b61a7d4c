"""The number a rule reads for one function, measured from text alone: what the refactor fixer aims at and the
refactor gate recomputes (``complexity`` 14 → 9, ``maintainability`` 8.1 → 12.4)."""

from __future__ import annotations

from agentfleet.flow.monitors.quality.audit import maintainability, measure
from agentfleet.flow.monitors.quality.config import QualityConfig

__all__ = ["better", "metric_of"]


def metric_of(rule: str, text: str, path: str, qualname: str, conf: QualityConfig) -> float | None:
    """``rule``'s value for ``qualname`` in ``text`` (``None``: the function is gone or the file does not parse)."""
    if rule == "maintainability":
        return maintainability(text)
    audit = measure({path: text}, conf)
    measured = audit.functions.get((path, qualname))
    if measured is None:
        return None
    m = measured.metrics
    value = {
        "complexity": m.complexity,
        "nesting": m.nesting,
        "length": m.lines,
        "duplication": m.duplicate_lines,
        "ruff": len(m.ruff),
    }.get(rule)
    return None if value is None else float(value)


def better(rule: str, before: float | None, after: float | None) -> bool:
    """``after`` is a measurable improvement on ``before`` (higher for maintainability, lower for the rest)."""
    if before is None or after is None:
        return False
    return after > before if rule == "maintainability" else after < before
