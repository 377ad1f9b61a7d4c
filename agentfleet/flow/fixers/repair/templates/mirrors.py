"""Mirrored statements: a statement written for one of two parallel inputs and missing for the other.

A merge walks ``xs`` with ``i`` and ``ys`` with ``j``; its code says so itself, in expressions of one shape
that differ only by those names (``i < len(xs) and j < len(ys)``, ``xs[i] <= ys[j]``). A statement at the
line that uses one side (``out.extend(xs[i:])``) and whose mirror (``out.extend(ys[j:])``) the function does
not have gets it inserted after it.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from agentfleet.flow.fixers.repair.source import Edit, Site
from agentfleet.flow.fixers.repair.templates.context import code, nodes_in, resolvable
from agentfleet.flow.fixers.repair.templates.ingredients import renamed, variable_names
from agentfleet.flow.fixers.repair.templates.statements import insertions

__all__ = ["mirrored_statements"]


def _pairing(left: cst.CSTNode, right: cst.CSTNode) -> dict[str, str]:
    """The names of ``left`` and ``right`` paired when the two are one expression of two or more names up to a
    one-to-one renaming (both directions), else nothing (``lo <= hi`` pairs nothing: two bare names are not
    parallel code)."""
    ours, theirs = variable_names(left), variable_names(right)
    if len(ours) != len(theirs) or len(ours) < 2 or ours == theirs:
        return {}
    pairs = dict(zip(ours, theirs, strict=True))
    if len(set(pairs.values())) != len(pairs) or any(pairs.get(b, a) != a for a, b in pairs.items() if a != b):
        return {}
    swapped = {a: b for a, b in pairs.items() if a != b}
    swapped |= {b: a for a, b in swapped.items()}
    return swapped if renamed(left, swapped).deep_equals(right) else {}


def _pairings(function: cst.FunctionDef) -> dict[str, str]:
    """Names the function uses in parallel: the two sides of an ``and``/``or`` or of a comparison that are
    one expression up to renaming."""
    mapping: dict[str, str] = {}
    sides = [(n.left, n.right) for n in nodes_in(function, cst.BooleanOperation)]
    sides += [
        (n.left, n.comparisons[0].comparator) for n in nodes_in(function, cst.Comparison) if len(n.comparisons) == 1
    ]
    for left, right in sides:
        for a, b in _pairing(left, right).items():
            mapping.setdefault(a, b)
    return mapping


def mirrored_statements(site: Site) -> Iterator[Edit]:
    """The line's simple statement with the function's paired names swapped, inserted after it when the
    function has no such statement (tier 2)."""
    function, stmt = site.function, site.statement
    if function is None or not isinstance(stmt, cst.SimpleStatementLine):
        return
    mapping = _pairings(function)
    if not mapping or not set(variable_names(stmt)) & set(mapping):
        return
    mirror = renamed(stmt, mapping)
    text = code(mirror).strip()
    if any(code(s).strip() == text for s in nodes_in(function, cst.SimpleStatementLine)):
        return
    if resolvable(site, mirror):
        yield from insertions(site, mirror, "mirrored-statement", 2)  # type: ignore[arg-type]
