"""Value templates: off-by-one in indices, ranges and comparisons, constants, slice bounds."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from agentfleet.flow.fixers.repair.source import Edit, Site
from agentfleet.flow.fixers.repair.templates.context import annotation_base, nodes_in

__all__ = ["boundaries", "constants", "shifted", "slice_bounds"]


_PASSED = (cst.Name, cst.Subscript)
_SEQUENCES = (cst.List, cst.Tuple, cst.SimpleString)


def _one() -> cst.Integer:
    return cst.Integer("1")


def shifted(expr: cst.BaseExpression, op: type[cst.BaseBinaryOp]) -> cst.BaseExpression:
    """``expr + 1`` or ``expr - 1``; ``i + 1`` shifted up is ``i + 2``, never ``i + 1 + 1`` (``SourceFile.apply``
    adds the brackets precedence needs)."""
    step = 1 if op is cst.Add else -1
    if (
        isinstance(expr, cst.BinaryOperation)
        and isinstance(expr.operator, cst.Add | cst.Subtract)
        and isinstance(expr.right, cst.Integer)
        and expr.right.value.isdigit()
        and not expr.lpar
    ):
        total = int(expr.right.value) * (1 if isinstance(expr.operator, cst.Add) else -1) + step
        if total == 0:
            return expr.left
        operator = _like(expr.operator, cst.Add if total > 0 else cst.Subtract)
        return expr.with_changes(operator=operator, right=cst.Integer(str(abs(total))))
    operator = op(whitespace_before=cst.SimpleWhitespace(" "), whitespace_after=cst.SimpleWhitespace(" "))  # type: ignore[call-arg]
    return cst.BinaryOperation(left=expr, operator=operator, right=_one())


def _like(op: cst.BaseBinaryOp, kind: type[cst.BaseBinaryOp]) -> cst.BaseBinaryOp:
    return kind(whitespace_before=op.whitespace_before, whitespace_after=op.whitespace_after)  # type: ignore[call-arg,attr-defined]


def _is_one(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Integer) and expr.value == "1"


_OVERSHOOT_TIER = 3
"""Tier of an edit that doubles an offset of one (``x + 1`` → ``x + 2``): an off-by-one overshot, which weak
tests pass by coincidence more often than it fixes anything."""


def _doubles_offset(expr: cst.BaseExpression, op: type[cst.BaseBinaryOp]) -> bool:
    """Shifting ``expr`` by ``op`` turns its ``± 1`` into ``± 2``."""
    return (
        isinstance(expr, cst.BinaryOperation)
        and isinstance(expr.operator, op)
        and op in (cst.Add, cst.Subtract)
        and _is_one(expr.right)
        and not expr.lpar
    )


def _is_offset(site: Site, node: cst.Integer) -> bool:
    """``node`` is the ``1`` of an ``x + 1`` or ``x - 1``."""
    parent = site.src.parent(node)
    return (
        isinstance(parent, cst.BinaryOperation)
        and isinstance(parent.operator, cst.Add | cst.Subtract)
        and parent.right is node
    )


def _without_one(node: cst.BinaryOperation) -> cst.BaseExpression | None:
    """``x`` for ``x + 1``, ``x - 1`` and ``1 + x``; ``None`` for anything else."""
    if isinstance(node.operator, cst.Add | cst.Subtract) and _is_one(node.right):
        return node.left
    if isinstance(node.operator, cst.Add) and _is_one(node.left):
        return node.right
    return None


def _bound_targets(site: Site) -> list[tuple[cst.BaseExpression, int]]:
    """Where an off-by-one hides, with the tier of shifting it: indices, bounds, counts, compared values, and
    (tier 2) a tuple's or list's item the function elsewhere reads shifted (``(x, k, i)`` where it reads ``i + 1``)."""
    found: list[tuple[cst.BaseExpression, int]] = []
    found += [(e.slice.value, 1) for e in site.of_type(cst.SubscriptElement) if isinstance(e.slice, cst.Index)]
    found += [(b, 1) for part in site.of_type(cst.Slice) for b in (part.lower, part.upper) if b is not None]
    for call in site.of_type(cst.Call):
        name = call.func.value if isinstance(call.func, cst.Name) else None
        if name == "range":
            found += [(arg.value, 1) for arg in call.args]
        elif name == "len" and not _is_shifted(site, call):
            found.append((call, 1))
        else:
            found += [(arg.value, 2) for arg in call.args if isinstance(arg.value, _PASSED) and arg.keyword is None]
    found += [(assign.value, 1) for assign in site.of_type(cst.Assign) if _moves_loop_bound(site, assign)]
    for product in site.of_type(cst.BinaryOperation):
        if isinstance(product.operator, cst.Multiply) and isinstance(product.left, _SEQUENCES):
            found.append((product.right, 1))
    compared = [t.comparator for t in site.of_type(cst.ComparisonTarget)] + [
        c.left for c in site.of_type(cst.Comparison)
    ]
    found += [(value, 2 if isinstance(value, cst.Subscript) else 1) for value in compared]
    shifted_names = _shifted_names(site.function)
    found += [(e.value, 2) for e in site.of_type(cst.Element) if _name_of(e.value) in shifted_names]
    return list({id(expr): (expr, tier) for expr, tier in reversed(found)}.values())[::-1]


def _name_of(expr: cst.BaseExpression) -> str | None:
    return expr.value if isinstance(expr, cst.Name) else None


def _shifted_names(function: cst.FunctionDef | None) -> set[str]:
    """Names the function reads as ``name + 1`` or ``name - 1`` somewhere."""
    if function is None:
        return set()
    ones = [b for b in nodes_in(function, cst.BinaryOperation) if _without_one(b) is not None and _is_one(b.right)]
    return {name for b in ones if (name := _name_of(b.left)) is not None}


def _moves_loop_bound(site: Site, assign: cst.Assign) -> bool:
    """``lo = mid`` where the enclosing ``while`` compares ``lo`` (a bound of a search loop)."""
    target = assign.targets[0].target if len(assign.targets) == 1 else None
    loop = site.src.enclosing(assign, cst.While, cst.FunctionDef)
    if not isinstance(target, cst.Name) or not isinstance(loop, cst.While):
        return False
    compared = [n for c in nodes_in(loop.test, cst.Comparison) for n in nodes_in(c, cst.Name)]
    return any(n.value == target.value for n in compared)


def _is_shifted(site: Site, node: cst.CSTNode) -> bool:
    """``node`` is already the left operand of ``± <int>`` (that shift is edited instead)."""
    parent = site.src.parent(node)
    return isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.Add | cst.Subtract)


def boundaries(site: Site) -> Iterator[Edit]:
    """Drop any ``± 1``; ``± 1`` on indices, slice bounds, ``range`` arguments, ``len()``, compared values,
    repeat counts (``[1] * n``) and the new value of a search loop's bound (``lo = mid``), ``range(n)`` →
    ``range(1, n)``, a midpoint rounded up (``(lo + hi) // 2`` → ``(lo + hi + 1) // 2``) (tier 1); an index
    ``- 1`` before ``+ 1``; ``± 1`` on the variables and subscripts passed to other calls, and on compared
    elements (``h[j] < h[k]``) (tier 2)."""
    for node in site.of_type(cst.BinaryOperation):
        kept = _without_one(node)
        if kept is not None:
            yield Edit(node, kept.with_changes(lpar=node.lpar, rpar=node.rpar), "boundary", 1)
    indices = {id(e.slice.value) for e in site.of_type(cst.SubscriptElement) if isinstance(e.slice, cst.Index)}
    for expr, tier in _bound_targets(site):
        if not isinstance(expr, cst.Integer):
            # an index is one too high more often than one too low (Python counts from 0): ``- 1`` first
            for op in (cst.Subtract, cst.Add) if id(expr) in indices else (cst.Add, cst.Subtract):
                yield Edit(expr, shifted(expr, op), "boundary", _OVERSHOOT_TIER if _doubles_offset(expr, op) else tier)
    for call in site.of_type(cst.Call):
        if isinstance(call.func, cst.Name) and call.func.value == "range" and len(call.args) == 1:
            yield Edit(call, call.with_changes(args=[cst.Arg(cst.Integer("1")), *call.args]), "boundary", 1)
    for total in _halved_sums(site):
        bare = total.with_changes(lpar=(), rpar=())
        rounded_up = cst.BinaryOperation(left=bare, operator=cst.Add(), right=_one())
        yield Edit(total, rounded_up.with_changes(lpar=total.lpar, rpar=total.rpar), "boundary", 1)


def _halved_sums(site: Site) -> list[cst.BinaryOperation]:
    """The bracketed sums of midpoints on the line (``(lo + hi) // 2``, ``(lo + hi) >> 1``)."""
    halves = [
        b
        for b in site.of_type(cst.BinaryOperation)
        if (isinstance(b.operator, cst.FloorDivide) and isinstance(b.right, cst.Integer) and b.right.value == "2")
        or (isinstance(b.operator, cst.RightShift) and _is_one(b.right))
    ]
    return [
        h.left
        for h in halves
        if isinstance(h.left, cst.BinaryOperation) and isinstance(h.left.operator, cst.Add) and h.left.lpar
    ]


def _integers_in(node: cst.CSTNode | None) -> list[str]:
    if node is None:
        return []
    found: list[str] = []

    class _Collect(cst.CSTVisitor):
        def visit_Integer(self, integer: cst.Integer) -> None:
            found.append(integer.value)

    node.visit(_Collect())
    return list(dict.fromkeys(found))


def _integer_edits(node: cst.Integer, nearby: list[str], *, offset: bool) -> Iterator[Edit]:
    try:
        value = int(node.value, 0)
    except ValueError:
        return
    options = [(value + 1, 1), (value - 1, 1), (0, 2), (1, 2)]
    options += [(int(other, 0), 2) for other in nearby if other.isdigit()]
    for new, tier in options:
        if offset and value == 1 and new == 2:
            tier = _OVERSHOOT_TIER
        if new != value:
            literal = cst.Integer(str(abs(new)))
            replacement = literal if new >= 0 else cst.UnaryOperation(operator=cst.Minus(), expression=literal)
            yield Edit(node, replacement, "constant", tier)


def _integer_parameters(function: cst.FunctionDef | None) -> list[str]:
    """Parameters annotated ``int`` or compared with an integer in the function (``base`` in ``2 <= base``)."""
    if function is None:
        return []
    compared = {
        side.value
        for c in nodes_in(function, cst.Comparison)
        for side in (c.left, *(t.comparator for t in c.comparisons))
        if isinstance(side, cst.Name)
        and any(isinstance(n, cst.Integer) for n in (c.left, *(t.comparator for t in c.comparisons)))
    }
    params = [*function.params.params, *function.params.kwonly_params]
    return [p.name.value for p in params if annotation_base(p.annotation) == "int" or p.name.value in compared]


def constants(site: Site) -> Iterator[Edit]:
    """Integers ``± 1``, to 0 or 1 or another integer of the function; ``True`` ↔ ``False``; an integer other
    than 0 and 1 → an integer parameter of the function (``value * 10`` → ``value * base``, tier 3)."""
    nearby = _integers_in(site.function)
    parameters = _integer_parameters(site.function)
    for node in site.of_type(cst.Integer):
        yield from _integer_edits(node, nearby, offset=_is_offset(site, node))
        if node.value not in ("0", "1"):
            yield from (Edit(node, cst.Name(p), "constant", 3) for p in parameters)
    for name in site.of_type(cst.Name):
        if name.value in ("True", "False"):
            yield Edit(name, name.with_changes(value="False" if name.value == "True" else "True"), "constant", 1)


def slice_bounds(site: Site) -> Iterator[Edit]:
    """Drop a slice's lower or upper bound or its step (``± 1`` comes from ``boundaries``)."""
    for part in site.of_type(cst.Slice):
        for field in ("lower", "upper", "step"):
            if getattr(part, field) is not None:
                tier = 2 if field == "step" else 1
                yield Edit(part, part.with_changes(**{field: None}), "slice-bound", tier)
