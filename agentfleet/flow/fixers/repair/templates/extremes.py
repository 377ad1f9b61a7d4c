"""The start of a running minimum or maximum: a value the function folds into ``min``/``max`` (or replaces by
anything smaller or larger) starts at a finite literal, where a textbook loop starts it at infinity, or at
the first item when the loop takes the rest (``for x in xs[1:]``)."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from agentfleet.flow.fixers.repair.source import Edit, Site
from agentfleet.flow.fixers.repair.templates.context import nodes_in

__all__ = ["extreme_starts"]

_SMALLER = {cst.LessThan: "min", cst.LessThanEqual: "min", cst.GreaterThan: "max", cst.GreaterThanEqual: "max"}
_FLIPPED = {"min": "max", "max": "min"}


def _is_number(node: cst.BaseExpression) -> bool:
    """An integer or float literal, possibly negated."""
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        node = node.expression
    return isinstance(node, cst.Integer | cst.Float)


def _named(node: cst.CSTNode, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name


def _assigns(stmt: cst.CSTNode, name: str) -> list[cst.Assign]:
    """The assignments to ``name`` alone in ``stmt``."""
    return [a for a in nodes_in(stmt, cst.Assign) if len(a.targets) == 1 and _named(a.targets[0].target, name)]


def _folded(function: cst.FunctionDef, name: str) -> set[str]:
    """How ``function`` keeps ``name`` a running extreme: ``min`` for ``name = min(name, e)`` or ``if e < name:
    name = e``, ``max`` for the mirror images."""
    kinds = set()
    for assign in _assigns(function, name):
        value = assign.value
        if not isinstance(value, cst.Call) or not isinstance(value.func, cst.Name) or value.func.value not in _FLIPPED:
            continue
        if any(_named(arg.value, name) for arg in value.args):
            kinds.add(value.func.value)
    for branch in nodes_in(function, cst.If):
        test = branch.test
        if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1 or not _assigns(branch.body, name):
            continue
        kind = _SMALLER.get(type(test.comparisons[0].operator))
        if kind is None:
            continue
        if _named(test.comparisons[0].comparator, name):
            kinds.add(kind)
        elif _named(test.left, name):
            kinds.add(_FLIPPED[kind])
    return kinds


def _infinity(kind: str) -> cst.Call:
    """``float("inf")`` for a running minimum, ``float("-inf")`` for a maximum."""
    sign = "" if kind == "min" else "-"
    return cst.Call(cst.Name("float"), [cst.Arg(cst.SimpleString(f'"{sign}inf"'))])


def _rest_of(function: cst.FunctionDef) -> list[str]:
    """Sequences the function loops over from their second item (``for x in xs[1:]``), so their first is the
    start of what it folds."""
    found = []
    for loop in nodes_in(function, cst.For):
        it = loop.iter
        if not isinstance(it, cst.Subscript) or not isinstance(it.value, cst.Name) or len(it.slice) != 1:
            continue
        part = it.slice[0].slice
        if not isinstance(part, cst.Slice) or part.upper is not None or part.step is not None:
            continue
        if isinstance(part.lower, cst.Integer) and part.lower.value == "1":
            found.append(it.value.value)
    return found


def extreme_starts(site: Site) -> Iterator[Edit]:
    """``best = 0`` → ``best = float("inf")`` where the function keeps ``best`` a running minimum (``-inf`` for a
    maximum), or ``best = xs[0]`` when it folds in ``for x in xs[1:]`` (tier 1: it is narrow, and the start
    line, a trivial statement, ranks low)."""
    if site.function is None:
        return
    for assign in site.of_type(cst.Assign):
        target = assign.targets[0].target
        if len(assign.targets) != 1 or not isinstance(target, cst.Name) or not _is_number(assign.value):
            continue
        kinds = sorted(_folded(site.function, target.value))
        if kinds:
            for rest in _rest_of(site.function):
                first = cst.Subscript(cst.Name(rest), [cst.SubscriptElement(cst.Index(cst.Integer("0")))])
                yield Edit(assign.value, first, "extreme-start", 1)
        for kind in kinds:
            yield Edit(assign.value, _infinity(kind), "extreme-start", 1)
