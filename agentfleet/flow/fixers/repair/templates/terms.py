"""Term edits: a lost assignment (``n >> 1`` as a statement), a ``range`` without its step, a
missing term (``e`` → ``v + e``, ``e - v``, ``max(v, e)`` with ``v`` a local of the function, ``max(0, e)``)
and a variable a loop condition should square (``x - approx`` → ``x - approx * approx``, ``d <= n`` →
``d * d <= n``)."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from agentfleet.flow.fixers.repair.source import Edit, Site
from agentfleet.flow.fixers.repair.templates.context import free_names, local_names, nodes_in, resolvable

__all__ = ["lost_assignments", "missing_terms", "range_steps", "squared_operands"]

_TARGETS = (cst.Name, cst.Attribute, cst.Subscript)
_NUMERIC = (cst.Name, cst.Subscript, cst.BinaryOperation, cst.Call, cst.Attribute)
_SEQUENCE = (cst.List, cst.ListComp, cst.Tuple)
_OTHER_LOCALS = 2
_MAX_TERMS = 20
_MAX_SQUARED = 4


def lost_assignments(site: Site) -> Iterator[Edit]:
    """A statement that computes and drops a value: ``n >> 1`` → ``n >>= 1``, ``x == y`` → ``x = y`` (tier 1)."""
    for expr in site.of_type(cst.Expr):
        value = expr.value
        if isinstance(value, cst.BinaryOperation) and isinstance(value.left, _TARGETS):
            augmented = getattr(cst, f"{type(value.operator).__name__}Assign", None)
            if augmented is not None:
                yield Edit(expr, cst.AugAssign(value.left, augmented(), value.right), "lost-assignment", 1)
        elif _is_equality(value):
            target = cst.AssignTarget(value.left)  # type: ignore[attr-defined]
            yield Edit(expr, cst.Assign([target], value.comparisons[0].comparator), "lost-assignment", 1)  # type: ignore[attr-defined]


def _is_equality(value: cst.BaseExpression) -> bool:
    """``x == y`` with an assignable ``x`` (a typo for ``x = y`` when it stands alone)."""
    return (
        isinstance(value, cst.Comparison)
        and isinstance(value.left, _TARGETS)
        and len(value.comparisons) == 1
        and isinstance(value.comparisons[0].operator, cst.Equal)
    )


def range_steps(site: Site) -> Iterator[Edit]:
    """``range(a, b)`` → ``range(a, b, v)`` for the locals ``a`` reads (``range(p * p, n, p)``), or ``-1`` (tier 2)."""
    for call in site.of_type(cst.Call):
        if not (isinstance(call.func, cst.Name) and call.func.value == "range" and len(call.args) == 2):
            continue
        if any(arg.keyword is not None or arg.star for arg in call.args):
            continue
        steps = [n for n in sorted(free_names(call.args[0].value)) if resolvable(site, cst.Name(n))]
        for step in [*steps, "-1"]:
            args = [*call.args, cst.Arg(cst.parse_expression(step))]
            yield Edit(call, call.with_changes(args=args), "call-argument", 2)


def _slots(site: Site) -> list[cst.BaseExpression]:
    """Where a term goes missing: an assigned or returned value, an argument of a call (whole calls last)."""
    found: list[cst.BaseExpression] = [n.value for n in site.of_type(cst.Assign)]
    found += [n.value for n in site.of_type(cst.Return) if n.value is not None]
    found += [arg.value for call in site.of_type(cst.Call) for arg in call.args if arg.keyword is None and not arg.star]
    found.sort(key=lambda e: isinstance(e, cst.Call))
    return [e for e in found if isinstance(e, _NUMERIC + _SEQUENCE)]


def _terms(expr: cst.BaseExpression, name: str, read: bool) -> list[cst.BaseExpression]:
    """``expr`` with the local ``name`` added as a term (sequences: concatenated on either side); ``max``/``min``
    only with a name ``expr`` reads."""
    var = cst.Name(name)
    add, sub = cst.Add(), cst.Subtract()
    if isinstance(expr, _SEQUENCE):
        return [cst.BinaryOperation(var, add, expr), cst.BinaryOperation(expr, add, var)]
    found: list[cst.BaseExpression] = [cst.BinaryOperation(expr, sub, var), cst.BinaryOperation(var, add, expr)]
    if read:
        found += [cst.Call(cst.Name(f), [cst.Arg(var), cst.Arg(expr)]) for f in ("max", "min")]
    return found


def missing_terms(site: Site) -> Iterator[Edit]:
    """``e`` → ``max(0, e)``, ``e - v``, ``v + e`` and, for a ``v`` that ``e`` reads, ``max(v, e)``, ``min(v, e)``
    (sequences: ``v + e``, ``e + v``) with ``v`` a local of the function: the names ``e`` reads, then the two
    latest assigned (tier 4)."""
    if site.function is None:
        return
    count = 0
    locals_ = [n for n in local_names(site) if resolvable(site, cst.Name(n))][::-1]
    for expr in _slots(site):
        reads = free_names(expr)
        zero = cst.Call(cst.Name("max"), [cst.Arg(cst.Integer("0")), cst.Arg(expr)])
        terms: list[cst.BaseExpression] = [] if isinstance(expr, _SEQUENCE) else [zero]
        names = [n for n in locals_ if n in reads] + [n for n in locals_ if n not in reads][:_OTHER_LOCALS]
        for name in names:
            if not (isinstance(expr, cst.Name) and expr.value == name):
                terms += _terms(expr, name, name in reads)
        for new in terms:
            if count >= _MAX_TERMS:
                return
            count += 1
            yield Edit(expr, new, "missing-term", 4)


def _operands(test: cst.BaseExpression) -> list[cst.Name]:
    """Names ``test`` compares or subtracts directly (``d`` in ``d <= n``, ``approx`` in ``abs(x - approx)``)."""
    found: list[cst.BaseExpression] = []
    for comparison in nodes_in(test, cst.Comparison):
        found += [comparison.left, *(t.comparator for t in comparison.comparisons)]
    found += [
        side
        for op in nodes_in(test, cst.BinaryOperation)
        if isinstance(op.operator, cst.Subtract)
        for side in (op.left, op.right)
    ]
    return [n for n in found if isinstance(n, cst.Name)]


def squared_operands(site: Site) -> Iterator[Edit]:
    """``v`` → ``v * v`` where a ``while`` condition compares or subtracts a variable the loop moves (a root or a
    divisor bound checked by its square: ``abs(x - approx * approx) > eps``, ``d * d <= n``); at most 4 per
    line (tier 2: the loop does not end, or ends on the wrong bound, until it is written)."""
    loop = site.statement
    if site.function is None or not isinstance(loop, cst.While):
        return
    moved = {t.target for a in nodes_in(loop.body, cst.Assign) for t in a.targets}
    moved |= {a.target for a in nodes_in(loop.body, cst.AugAssign)}
    names = {n.value for n in moved if isinstance(n, cst.Name)}
    shown: set[str] = set()
    for name in _operands(loop.test):
        if name.value in names and name.value not in shown and len(shown) < _MAX_SQUARED:
            shown.add(name.value)
            yield Edit(name, cst.BinaryOperation(name, cst.Multiply(), name), "missing-term", 2)
